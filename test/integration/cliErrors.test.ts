/**
 * The admin CLI as an admin runs it (a child process): errors name the problem and exit 2,
 * every store-reading command says which store it read, and `policy check` on a plain-text
 * policy points at the documented format.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { COMMANDS } from '../../src/cli/commands';
import { storeName } from '../../src/cli/storeName';
import { loadConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'src', 'cli', 'main.ts');

async function trustline(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', MAIN, ...args], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('trustline CLI: errors and which store it reads', function () {
  this.timeout(120_000);
  let dataDir: string;
  let env: Record<string, string>;

  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-cli-'));
    env = { TRUSTLINE_DATA_DIR: dataDir };
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses an empty question with a clear error and exit 2, instead of printing nothing', async () => {
    for (const question of ['', '   ']) {
      const r = await trustline(env, 'ask', question);
      assert.equal(r.code, 2, `ask "${question}"`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /the question is empty/);
    }
  });

  it('refuses an unknown option on every command, naming it, with exit 2', async () => {
    const invocations = COMMANDS.map((c) => (c.name === 'reports' ? ['reports', 'list'] : c.name === 'policy check' ? ['policy', 'check', 'policy/x.md'] : c.name === 'ask' ? ['ask', 'hello'] : c.name.split(' ')));
    assert.ok(invocations.length >= 5);
    for (const argv of invocations) {
      const r = await trustline(env, ...argv, '--jsn');
      assert.equal(r.code, 2, `${argv.join(' ')} --jsn: ${r.stderr}`);
      assert.match(r.stderr, /unknown option --jsn\b/, argv.join(' '));
      assert.equal(r.stdout, '', `${argv.join(' ')} --jsn printed output`);
    }
    // --name=value spelling too; a known option is still accepted.
    assert.match((await trustline(env, 'reports', 'list', '--scool=cronton')).stderr, /unknown option --scool\b/);
    assert.equal((await trustline(env, 'reports', 'list', '--json')).code, 0);
  });

  it('gaps, choices, reports, outbox and audit say which store they read (on stderr, so --json stays parseable)', async () => {
    const sqlite = path.join(dataDir, 'trustline.sqlite');
    for (const argv of [['gaps'], ['choices'], ['reports', 'list'], ['reports', 'list', '--json'], ['gaps', '--json'], ['outbox'], ['audit', '--person', 'cli:nobody']]) {
      const r = await trustline(env, ...argv);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.stderr}`);
      assert.ok(r.stderr.includes(`Reading SQLite ${sqlite}`), `${argv.join(' ')} stderr: ${r.stderr}`);
      if (argv.includes('--json')) assert.deepEqual(JSON.parse(r.stdout), []);
    }
    const missing = await trustline(env, 'reports', 'show', 'PC-2026-0001');
    assert.equal(missing.code, 1);
    assert.ok(missing.stderr.includes(sqlite), missing.stderr);
  });

  it('names Azure tables by prefix and account, never the account key', () => {
    const config = loadConfig({
      STORAGE: 'azure-table', AZURE_TABLE_PREFIX: 'stmarys',
      AZURE_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=http;AccountName=trustlinestore;AccountKey=c2VjcmV0S2V5;TableEndpoint=http://127.0.0.1:10002/trustlinestore;',
    });
    const name = storeName(config);
    assert.match(name, /Azure tables "stmarys\*" in storage account trustlinestore/);
    assert.doesNotMatch(name, /c2VjcmV0S2V5|AccountKey/);
  });

  it('policy check on a plain-text policy says where the expected Markdown format is described', async () => {
    const file = path.join(dataDir, 'policy.txt');
    fs.writeFileSync(file, 'Staff Communication Policy\n\nStaff must not accept friend requests from pupils.\n');
    const r = await trustline(env, 'policy', 'check', file);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /docs\/ANSWERS\.md, section "The knowledge base"/);
    const answersDoc = fs.readFileSync(path.join(ROOT, 'docs', 'ANSWERS.md'), 'utf8');
    assert.match(answersDoc, /^## The knowledge base$/m, 'the section the hint names exists');
    // A real policy gets no such hint.
    const ok = await trustline(env, 'policy', 'check', path.join(ROOT, 'policies', 'staff-communication-and-social-media.md'));
    assert.equal(ok.code, 0, ok.stderr);
    assert.doesNotMatch(ok.stderr, /expected Markdown format/);
  });
});
