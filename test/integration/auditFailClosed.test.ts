/**
 * Every view of a report's details is audited first, or not shown: with the real SQLite store
 * made to refuse audit writes only (a trigger), `trustline reports show` prints nothing of the
 * report and the Teams triager view carries no details; once writes work again, both show.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { startHarness, Harness } from '../support/harness';
import { actionRefresh, people } from '../support/activities';
import { PUPIL } from './reportsSupport';
import { CHANNELS, fileReport, link, routingEnv, teamMembers, waitForAlerts, writeDirectory } from './routingSupport';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'src', 'cli', 'main.ts');

async function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', MAIN, ...args], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'silent' }, timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('audit fails closed (SQLite)', function () {
  this.timeout(90_000);
  let h: Harness;
  let ref: string;
  let db: Database.Database;
  const failAudit = () => db.exec(`CREATE TRIGGER IF NOT EXISTS fail_audit BEFORE INSERT ON records WHEN NEW.tbl LIKE '%audit%' BEGIN SELECT RAISE(ABORT, 'audit write refused for the test'); END`);
  const healAudit = () => db.exec('DROP TRIGGER IF EXISTS fail_audit');

  before(async () => {
    h = await startHarness({ storage: 'sqlite', env: routingEnv(writeDirectory()) });
    teamMembers(h.connector);
    await link(h, 'cronton');
    ref = await fileReport(h, 'pupil-connection');
    await waitForAlerts(h.connector, ref);
    db = new Database(path.join(h.env.TRUSTLINE_DATA_DIR, 'trustline.sqlite'));
  });
  after(async () => {
    healAudit();
    db.close();
    await h?.close();
  });

  it('`trustline reports show` prints nothing of the report when the audit write fails', async () => {
    failAudit();
    try {
      for (const flags of [[], ['--json']]) {
        const res = await cli(h.env, 'reports', 'show', ref, ...flags);
        assert.equal(res.code, 1, res.stderr);
        assert.equal(res.stdout, '', 'nothing shown');
        assert.match(res.stderr, /Could not record this view/);
        assert.doesNotMatch(res.stderr, new RegExp(PUPIL));
      }
    } finally {
      healAudit();
    }
    const ok = await cli(h.env, 'reports', 'show', ref);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, new RegExp(PUPIL), 'shown once the view can be audited');
  });

  it('the Teams triager view carries no details when the audit write fails', async () => {
    const view = () => h.send(actionRefresh('triage.view', { ref }, { serviceUrl: h.serviceUrl, from: people.head, channel: CHANNELS.cronton }));
    failAudit();
    let refused;
    try {
      refused = await view();
    } finally {
      healAudit();
    }
    assert.doesNotMatch(JSON.stringify(refused.body), new RegExp(PUPIL), 'no details without an audit record');
    assert.ok(h.logs.some((l) => l.event === 'audit.write_failed'), 'the failure is logged');
    const shown = await view();
    assert.equal(shown.status, 200);
    assert.match(JSON.stringify(shown.body), new RegExp(PUPIL), 'shown once the view can be audited');
  });
});
