/**
 * The deployment files agree with each other and with the service (no Bicep CLI or Azure
 * here, so these are the checks that can run offline): parameters match the template's
 * params, every `${{VAR}}` has a source, and the web app's settings pass the service's own
 * production configuration check.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { parseEnvFile } from '../../scripts/packageApp';

const root = path.resolve(__dirname, '..', '..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

interface BicepParam { name: string; hasDefault: boolean }

function bicepParams(text: string): BicepParam[] {
  return [...text.matchAll(/^param (\w+) \w+( =)?/gm)].map((m) => ({ name: m[1], hasDefault: Boolean(m[2]) }));
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))];
}

/** Names that toolkit actions write (`writeToEnvironmentFile` mappings) in a teamsapp yml. */
function writtenByActions(yml: string): string[] {
  return [...yml.matchAll(/^\s+\w+: ([A-Z][A-Z0-9_]*)\s*$/gm)].map((m) => m[1]);
}

describe('deployment files', () => {
  const template = read('infra/azure.bicep');
  const botTemplate = read('infra/botRegistration/azurebot.bicep');
  const parametersText = read('infra/azure.parameters.json');
  const parameters = (JSON.parse(parametersText) as { parameters: Record<string, unknown> }).parameters;

  it('infra/azure.parameters.json sets only params of azure.bicep, and every param without a default', () => {
    const params = bicepParams(template);
    const names = params.map((p) => p.name);
    assert.deepEqual(Object.keys(parameters).filter((k) => !names.includes(k)), []);
    assert.deepEqual(params.filter((p) => !p.hasDefault && !(p.name in parameters)).map((p) => p.name), []);
  });

  it('the bot registration module gets only its params, and every required one', () => {
    const call = /module azureBotRegistration '\.\/botRegistration\/azurebot\.bicep' = \{[\s\S]*?params: \{([\s\S]*?)\n {2}\}/.exec(template);
    assert.ok(call, 'module call found');
    const passed = [...call[1].matchAll(/^\s+(\w+):/gm)].map((m) => m[1]);
    const params = bicepParams(botTemplate);
    assert.deepEqual(passed.filter((p) => !params.some((q) => q.name === p)), []);
    assert.deepEqual(params.filter((p) => !p.hasDefault && !passed.includes(p.name)).map((p) => p.name), []);
  });

  it('the bot is registered for Teams at https://<web app>/api/messages, single tenant by default', () => {
    assert.match(botTemplate, /endpoint: 'https:\/\/\$\{botAppDomain\}\/api\/messages'/);
    assert.match(botTemplate, /channelName: 'MsTeamsChannel'/);
    assert.match(template, /param botAppType string = 'SingleTenant'/);
    assert.match(template, /botAppDomain: webApp\.properties\.defaultHostName/);
  });

  it('every ${{VAR}} in teamsapp.yml and the parameters has a source: env/.env.dev, an earlier action, or a template output', () => {
    const yml = read('teamsapp.yml');
    const env = Object.keys(parseEnvFile(read('env/.env.dev')).values);
    const outputs = [...template.matchAll(/^output (\w+) /gm)].map((m) => m[1]);
    const sources = new Set([...env, ...writtenByActions(yml), ...outputs, 'TEAMSFX_ENV']);
    assert.deepEqual(placeholders(yml + parametersText).filter((v) => !sources.has(v)), []);
    assert.ok(writtenByActions(yml).includes('SECRET_BOT_PASSWORD'), 'the bot secret comes from aadApp/create, not a committed file');
  });

  it('teamsapp.local.yml writes .localConfigs, which git ignores, with the variables the service reads', () => {
    const yml = read('teamsapp.local.yml');
    assert.match(yml, /uses: file\/createOrUpdateEnvironmentFile\n\s+with:\n\s+target: \.\/\.localConfigs/);
    for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId']) {
      assert.match(yml, new RegExp(`\\n\\s+${name}: `), name);
    }
    assert.ok(read('.gitignore').split('\n').includes('.localConfigs'));
  });

  it('the web app settings make a configuration the service accepts in production', () => {
    const settings = [...template.matchAll(/name: '(\w+)'\n\s+value: (.+)/g)].map((m) => ({ name: m[1], value: m[2].trim() }));
    const names = settings.map((s) => s.name);
    for (const required of ['NODE_ENV', 'HOST', 'STORAGE', 'AZURE_STORAGE_CONNECTION_STRING', 'MicrosoftAppId', 'MicrosoftAppPassword',
      'MicrosoftAppType', 'MicrosoftAppTenantId', 'ALLOWED_TENANTS', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'WEBSITE_RUN_FROM_PACKAGE']) {
      assert.ok(names.includes(required), required);
    }
    // Literal values as written; expressions stand in for what Azure fills in.
    const sample: Record<string, string> = { botAppType: 'SingleTenant' };
    const env = Object.fromEntries(settings.map(({ name, value }) => {
      const literal = /^'([^']*)'$/.exec(value);
      return [name, literal ? literal[1] : sample[value] ?? `value-of-${name}`];
    }));
    const config = loadConfig({ ...env, PORT: '8080' }); // App Service sets PORT
    assert.equal(config.nodeEnv, 'production');
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.storage, 'azure-table');
    assert.equal(config.bot?.appType, 'SingleTenant');
    assert.equal(env.WEBSITE_RUN_FROM_PACKAGE, '1');
  });

  it('App Service runs the compiled service on Node 20 over HTTPS only, with /healthz as health check', () => {
    assert.match(template, /linuxFxVersion: 'NODE\|20-lts'/);
    assert.match(template, /appCommandLine: 'node dist\/index\.js'/);
    assert.match(template, /httpsOnly: true/);
    assert.match(template, /healthCheckPath: '\/healthz'/);
    const pkg = JSON.parse(read('package.json')) as { main: string; scripts: Record<string, string> };
    assert.equal(pkg.main, 'dist/index.js');
    assert.match(pkg.scripts.build, /tsconfig\.build\.json/);
  });

  it('storage is StorageV2 with TLS 1.2 and no public blob access', () => {
    assert.match(template, /kind: 'StorageV2'/);
    assert.match(template, /minimumTlsVersion: 'TLS1_2'/);
    assert.match(template, /allowBlobPublicAccess: false/);
  });

  it('.webappignore keeps what the service reads at run time', () => {
    const ignored = read('.webappignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const kept of ['dist/', 'node_modules/', 'package.json', 'policies/', 'adaptiveCards/']) {
      assert.ok(!ignored.includes(kept), `${kept} must be deployed`);
    }
    assert.ok(!ignored.some((p) => p === '*.md' || p === '*.json'), 'policy Markdown and card JSON are runtime data');
  });
});
