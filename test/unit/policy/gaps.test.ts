import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteRecordStore } from '../../../src/storage/sqlite/sqliteStore';
import { GapStore, formatGaps } from '../../../src/domain/policy/gaps';
import type { Answer } from '../../../src/domain/policy/model';

const notCovered = (nearest: { id: string; title: string }[]): Answer => ({
  answered: false, confidence: 0.2, citations: [], governing: 0, nextSteps: [], nearest, text: 'not covered',
});

describe('policy gaps (real SQLite store)', () => {
  let dir: string;
  let store: SqliteRecordStore;
  let now: Date;
  let gaps: GapStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-gaps-'));
    store = SqliteRecordStore.inDirectory(dir);
    now = new Date('2026-11-25T09:00:00Z');
    gaps = new GapStore(store, 180, () => now);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps unanswered questions grouped by nearest section, biggest topic first, with only what the review needs', async () => {
    await gaps.record('how many days of annual leave do I get?', notCovered([{ id: '4', title: 'Email Communication' }]));
    await gaps.record('what is the wifi password?', notCovered([{ id: '6', title: 'Security Considerations' }]));
    now = new Date('2026-11-26T09:00:00Z');
    await gaps.record('can I email from home on a sick day?', notCovered([{ id: '4', title: 'Email Communication' }]));
    await gaps.record('tell me a joke', notCovered([]));
    const topics = await gaps.list();
    assert.deepEqual(topics.map((t) => [t.topic, t.questions.length]), [['4. Email Communication', 2], ['6. Security Considerations', 1], ['No nearby section', 1]]);
    assert.equal(topics[0].questions[0].question, 'can I email from home on a sick day?', 'newest first');
    assert.deepEqual(Object.keys(topics[0].questions[0]).sort(), ['askedAt', 'expiresAt', 'nearest', 'question', 'topic']);
    assert.match(formatGaps(topics), /^4\. Email Communication \(2\)\n {2}2026-11-26 {2}can I email from home/);
  });

  it('stops showing gaps once expired and purges them from the store', async () => {
    await gaps.record('old question', notCovered([{ id: '4', title: 'Email Communication' }]));
    now = new Date(now.getTime() + 179 * 86_400_000);
    await gaps.record('recent question', notCovered([{ id: '4', title: 'Email Communication' }]));
    now = new Date(now.getTime() + 2 * 86_400_000);
    assert.deepEqual((await gaps.list()).flatMap((t) => t.questions.map((q) => q.question)), ['recent question']);
    assert.equal(await gaps.purge(), 1);
    assert.equal((await store.scan('gaps')).length, 1);
  });

  it('caps the stored question length', async () => {
    await gaps.record('x'.repeat(5000), notCovered([]));
    assert.equal((await gaps.list())[0].questions[0].question.length, 500);
  });
});
