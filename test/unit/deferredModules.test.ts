/**
 * src/deferredModules.ts: the text recognizers botbuilder-dialogs requires are not loaded when
 * the service starts (teams-ai's Application loads botbuilder-dialogs), and still work when used.
 * Run in a child process: this mocha process has loaded them already.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function run(script: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

const loadedRecognizers = `Object.keys(require.cache).filter((k) => /recognizers-text-(suite|number|date-time|choice)\\//.test(k)).length`;

describe('deferred modules (start-up memory)', function () {
  this.timeout(60_000);

  it('loads none of the text recognizers when the Teams application module loads', () => {
    const deferred = run(`require('./src/deferredModules'); require('@microsoft/teams-ai/lib/Application'); console.log(JSON.stringify({ n: ${loadedRecognizers} }))`);
    assert.equal(deferred.n, 0);
    const eager = run(`require('@microsoft/teams-ai/lib/Application'); console.log(JSON.stringify({ n: ${loadedRecognizers} }))`);
    assert.ok(Number(eager.n) > 0, 'without it they load (the test can fail)');
  });

  it('loads them on first use, and they answer as before', () => {
    const script = (prefix: string) => `${prefix} const d = require('botbuilder-dialogs');
      const found = d.recognizeChoices('the second one', ['red', 'green', 'blue']);
      const culture = d.PromptCultureModels.English.locale;
      console.log(JSON.stringify({ value: found[0] && found[0].resolution.value, culture, n: ${loadedRecognizers} }))`;
    const deferred = run(script(`require('./src/deferredModules');`));
    const eager = run(script(''));
    assert.deepEqual({ ...deferred, n: 0 }, { ...eager, n: 0 }, 'the same answers');
    assert.ok(Number(deferred.n) > 0 && Number(deferred.n) < Number(eager.n), 'only what was used was loaded');
    assert.equal(deferred.value, 'green');
    assert.equal(deferred.culture, 'en-us');
  });

  const loadedClients = `Object.keys(require.cache).filter((k) => /node_modules\\/(axios|cross-fetch|@azure\\/identity|@azure\\/msal-node)\\//.test(k)).length`;

  it('loads none of the unused HTTP and identity clients with the Bot Framework and the Teams adapter', () => {
    const script = (prefix: string) => `${prefix} const { TeamsAdapter } = require('@microsoft/teams-ai/lib/TeamsAdapter'); require('@microsoft/teams-ai/lib/Application');
      new TeamsAdapter({}); console.log(JSON.stringify({ n: ${loadedClients} }))`;
    assert.equal(run(script(`require('./src/deferredModules');`)).n, 0);
    assert.ok(Number(run(script('')).n) > 0, 'without it they load (the test can fail)');
  });

  it('loads each client on first use, working as the real one', () => {
    const r = run(`require('./src/deferredModules');
      const axios = require('axios'); const instance = axios.default.create({ baseURL: 'http://127.0.0.1:9' });
      const crossFetch = require('cross-fetch').default;
      const { ConfidentialClientApplication } = require('@azure/msal-node');
      const msal = new ConfidentialClientApplication({ auth: { clientId: '00000000-0000-0000-0000-000000000001', clientSecret: 'x', authority: 'https://login.microsoftonline.com/common' } });
      const { DefaultAzureCredential } = require('@azure/identity');
      console.log(JSON.stringify({ axios: typeof instance.post, fetch: typeof crossFetch, msal: typeof msal.acquireTokenByClientCredential, identity: typeof DefaultAzureCredential, n: ${loadedClients} }))`);
    assert.deepEqual({ ...r, n: Number(r.n) > 0 }, { axios: 'function', fetch: 'function', msal: 'function', identity: 'function', n: true });
  });
});
