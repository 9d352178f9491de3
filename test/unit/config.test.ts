import { strict as assert } from 'node:assert';
import path from 'node:path';
import { loadConfig, ConfigError } from '../../src/config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  return [];
}

describe('configuration', () => {
  it('defaults to loopback:3978, SQLite under ./data, authentication off in development', () => {
    const c = loadConfig({});
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 3978);
    assert.equal(c.storage, 'sqlite');
    assert.equal(c.dataDir, path.resolve('data'));
    assert.equal(c.bot, undefined);
    assert.equal(c.nodeEnv, 'development');
  });

  it('takes HOST and PORT from the environment (App Service sets both)', () => {
    const c = loadConfig({ HOST: '0.0.0.0', PORT: '8080' });
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.port, 8080);
  });

  it('refuses production without Bot Framework credentials, naming the variables', () => {
    const p = problems({ NODE_ENV: 'production', ALLOWED_TENANTS: 't1' });
    assert.equal(p.length, 1);
    assert.match(p[0], /MicrosoftAppId/);
    assert.match(p[0], /MicrosoftAppPassword/);
  });

  it('refuses production that would serve any tenant', () => {
    const p = problems({ NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'MultiTenant' });
    assert.deepEqual(p.map((x) => x.split(' ')[0]), ['ALLOWED_TENANTS']);
  });

  it('accepts a complete production configuration', () => {
    const c = loadConfig({
      NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant', ALLOWED_TENANTS: 'tenant', STORAGE: 'azure-table', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
    });
    assert.deepEqual(c.bot, { appId: 'app', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant' });
    assert.deepEqual(c.allowedTenants, ['tenant']);
  });

  it('takes the identity-provider overrides used to test the real token validation path', () => {
    const c = loadConfig({
      MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant',
      BOT_OPENID_METADATA_URL: 'http://127.0.0.1:9/metadata', BOT_TOKEN_ISSUER: 'https://issuer.test',
    });
    assert.equal(c.bot?.openIdMetadataUrl, 'http://127.0.0.1:9/metadata');
    assert.equal(c.bot?.tokenIssuer, 'https://issuer.test');
  });

  it('names every bad variable at once, with the value it got', () => {
    const p = problems({ PORT: 'eighty', STORAGE: 'mongo', LOG_LEVEL: 'loud', MicrosoftAppType: 'Weird' });
    assert.equal(p.length, 4);
    assert.match(p.join('\n'), /PORT must be a whole number .*"eighty"/);
    assert.match(p.join('\n'), /STORAGE must be one of sqlite, azure-table \(got "mongo"\)/);
    assert.match(p.join('\n'), /LOG_LEVEL/);
    assert.match(p.join('\n'), /MicrosoftAppType/);
  });

  it('requires a connection string for Azure Table Storage', () => {
    assert.match(problems({ STORAGE: 'azure-table' })[0], /AZURE_STORAGE_CONNECTION_STRING is required/);
  });

  it('requires a tenant id for single-tenant bots and a password with an app id', () => {
    const p = problems({ MicrosoftAppId: 'app', MicrosoftAppType: 'SingleTenant' });
    assert.equal(p.length, 2);
  });
});
