import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { SqliteRecordStore } from '../../../src/storage/sqlite/sqliteStore';
import { TableRecordStore } from '../../../src/storage/azureTable/tableStore';
import type { RecordStore } from '../../../src/storage/recordStore';
import { ChoiceLog, formatChoices } from '../../../src/domain/policy/choices';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { getAzurite, uniqueTablePrefix } from '../../support/azurite';

const K = (id: string) => `staff-communication-and-social-media#${id}`;

function suite(name: string, open: () => Promise<{ store: RecordStore; done: () => Promise<void> }>) {
  describe(`choice log (${name})`, () => {
    let store: RecordStore;
    let done: () => Promise<void>;
    let now: Date;
    let log: ChoiceLog;
    beforeEach(async () => {
      ({ store, done } = await open());
      now = new Date('2026-11-25T09:00:00Z');
      log = new ChoiceLog(store, 180, () => now);
    });
    afterEach(async () => done());

    it('keeps the offer under a random token with no asker identity, and records picks of offered clauses only', async () => {
      const token = await log.offer('  can I be mates with my y5s on snap  ', 'choose', [K('7.6.15'), K('7.6.17')]);
      assert.match(token, /^[A-Za-z0-9_-]{16}$/);
      now = new Date(now.getTime() + 60_000);
      const other = await log.offer('another', 'near', [K('8.1')]);
      assert.notEqual(token, other);
      const picked = await log.pick(token, K('7.6.17'));
      assert.deepEqual(picked?.picks.map((p) => p.key), [K('7.6.17')]);
      assert.deepEqual((await log.pick(token, K('4.1.1')))?.picks.length, 1, 'a clause not offered is not recorded');
      assert.equal(await log.pick('not-a-token!', K('7.6.15')), undefined);
      assert.equal(await log.pick('AAAAAAAAAAAAAAAA', K('7.6.15')), undefined, 'unknown token');
      const listed = await log.list();
      assert.deepEqual(listed.map((o) => o.question), ['another', 'can I be mates with my y5s on snap'], 'newest first, trimmed');
      assert.deepEqual(Object.keys(listed[0]).sort(), ['expiresAt', 'kind', 'offered', 'offeredAt', 'picks', 'question', 'token']);
    });

    it('two presses at once both land (ETag retry), and expired offers are neither picked, listed nor kept after purge', async () => {
      const token = await log.offer('q', 'choose', [K('7.6.15'), K('9.1')]);
      await Promise.all([log.pick(token, K('7.6.15')), log.pick(token, K('9.1'))]);
      const [offer] = await log.list();
      assert.deepEqual(offer.picks.map((p) => p.key).sort(), [K('7.6.15'), K('9.1')]);
      now = new Date(now.getTime() + 181 * 86_400_000);
      assert.equal(await log.pick(token, K('7.6.15')), undefined);
      assert.deepEqual(await log.list(), []);
      assert.equal(await log.purge(), 1);
      assert.equal(await log.purge(), 0);
    });
  });
}

suite('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-choices-'));
  const store = SqliteRecordStore.inDirectory(dir);
  return { store, done: async () => { await store.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
});

suite('Azurite', async () => {
  const azurite = await getAzurite();
  const store = await TableRecordStore.connect(azurite.connectionString, uniqueTablePrefix());
  return { store, done: () => store.close() };
});

describe('trustline ask --decision (CLI)', () => {
  const ask = async (args: string[], stdin?: string) => {
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: () => undefined, env: {}, stdin: stdin === undefined ? undefined : Readable.from([stdin]) };
    assert.equal(await main(['ask', ...args], io), 0);
    return out;
  };

  it('adds what the bot would send: the decision and the situations it offers; without the flag the JSON keeps its shape', async () => {
    const [line] = await ask(['is it ok to be mates with my year 5s and their mums on snap', '--json', '--decision']);
    const d = JSON.parse(line) as { decision: string; options: { id: string; situation: string }[]; text: string };
    assert.equal(d.decision, 'choose');
    assert.ok(d.options.some((o) => o.id === '7.6.15' && o.situation.length > 0));
    assert.match(d.text, /^Which is closest to your situation\?/);
    const lines = (await ask(['--decision'], 'a pupil added me on snapchat\ncan I wear jeans on friday\n')).map((l) => JSON.parse(l) as { decision: string });
    assert.deepEqual(lines.map((l) => l.decision), ['answer', 'refuse']);
    const [plain] = await ask(['a pupil added me on snapchat', '--json']);
    assert.deepEqual(Object.keys(JSON.parse(plain) as object), ['answered', 'citations', 'text']);
  });
});

describe('trustline choices (CLI)', () => {
  it('prints each offer with what was offered and picked, and says so when there is none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-cli-'));
    const run = async (args: string[]) => {
      const out: string[] = [];
      const io: CliIo = { out: (t) => out.push(t), err: () => undefined, env: { TRUSTLINE_DATA_DIR: dir, NODE_ENV: 'test' } };
      assert.equal(await main(args, io), 0);
      return out.join('\n');
    };
    assert.match(await run(['choices']), /No choices recorded/);
    const store = SqliteRecordStore.inDirectory(dir);
    const log = new ChoiceLog(store, 180);
    const token = await log.offer('mates with y5s on snap', 'choose', [K('7.6.15'), K('7.6.17')]);
    await log.pick(token, K('7.6.15'));
    await store.close();
    const text = await run(['choices']);
    assert.match(text, /choose\s+\[7\.6\.15, 7\.6\.17\] -> 7\.6\.15: mates with y5s on snap/);
    const json = JSON.parse(await run(['choices', '--json'])) as { picks: unknown[] }[];
    assert.equal(json[0].picks.length, 1);
    assert.match(formatChoices([]), /No choices/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
