/**
 * The start (trustline.ts): the server listens, then loads the policy (its index and learned
 * models); a turn that arrives meanwhile waits for it and is answered as usual. A policy that
 * does not load leaves nothing answering: /healthz and turns say 503, and `ready` rejects
 * (src/index.ts then exits, test/integration/process.test.ts).
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../support/harness';
import { personalMessage } from '../support/activities';

const cardText = (activity: { attachments?: { content: unknown }[] }): string => JSON.stringify(activity.attachments?.map((a) => a.content) ?? []);

describe('start: the policy loads just after listening', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers a question sent the moment the server listens, once the policy is in', async () => {
    h = await startHarness();
    let loaded = false;
    void h.bot.ready.then(() => { loaded = true; });
    const sending = h.send(personalMessage('a year 6 girl sent me a follow request on insta', { serviceUrl: h.serviceUrl }));
    assert.equal(loaded, false, 'sent before the policy was loaded');
    assert.equal((await sending).status, 200);
    const [reply] = await h.connector.waitForMessages(1);
    assert.match(cardText(reply), /7\.6\.15/);
    assert.match(cardText(reply), /Colleagues must not be connected to pupils\/students on social media under any circumstances\./);
    assert.ok(h.logs.findIndex((l) => l.event === 'server.started') < h.logs.findIndex((l) => l.event === 'policy.loaded'), 'listening before the policy loaded');
    const health = await h.get('/healthz');
    assert.equal(health.status, 200);
    assert.equal((health.body as { policy?: string }).policy, 'loaded');
  });

  it('with a policy that does not load: /healthz and turns answer 503, and ready rejects', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-nopolicy-'));
    try {
      const policyFile = path.join(dir, 'empty.md');
      fs.writeFileSync(policyFile, 'No numbered clauses here.\n');
      h = await startHarness({ env: { POLICY_PATHS: policyFile } });
      await assert.rejects(h.bot.ready, /no clauses|no policy clauses/i);
      const health = await h.get('/healthz');
      assert.equal(health.status, 503);
      assert.equal((health.body as { policy?: string }).policy, 'not loaded');
      const turn = await h.send(personalMessage('can I follow a pupil on instagram?', { serviceUrl: h.serviceUrl }));
      assert.equal(turn.status, 503);
      assert.equal(h.connector.messages.length, 0, 'nothing sent');
      assert.ok(h.logs.some((l) => l.event === 'policy.load_failed'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
