/**
 * The real token validation path in production mode: botbuilder's OpenID metadata URL points at
 * a loopback identity provider serving a JWKS for an RSA key made here, so jsonwebtoken and
 * botbuilder's claim checks run exactly as in Azure. Every forged or broken token is a quick 401
 * with a fixed body; a provider that is down or silent is a quick 503; nothing is processed.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHarness, Harness } from '../support/harness';
import { personalMessage, TENANT_ID } from '../support/activities';
import { isBotbuilderVerifyNoise } from '../../src/server/authGate';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';

const APP_ID = '00000000-0000-0000-0000-00000000a99d';
const ISSUER = 'https://api.botframework.com';

type Mode = 'ok' | 'silent';

interface Provider {
  url: string;
  mode: Mode;
  hits: number;
  close(): Promise<void>;
}

async function startProvider(publicJwk: crypto.JsonWebKey): Promise<Provider> {
  const sockets = new Set<import('node:net').Socket>();
  const p: Provider = { url: '', mode: 'ok', hits: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    p.hits++;
    if (p.mode === 'silent') return; // accept, never answer
    if (req.url === '/metadata') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${p.url}/jwks` }));
    } else if (req.url === '/jwks') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: 'test-key', use: 'sig', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  p.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  p.close = () =>
    new Promise<void>((r) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => r());
    });
  return p;
}

/** What was written to this process's stderr (where the in-process bot's console.error goes) while `fn` ran. */
async function capturingStderr<T>(fn: () => Promise<T>): Promise<{ result: T; stderr: string }> {
  const write = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    return { result: await fn(), stderr };
  } finally {
    process.stderr.write = write;
  }
}

/** Whether the bot logged any turn (or message handling) since log line `from`. */
const processed = (harness: Harness, from = 0) => harness.logs.slice(from).some((l) => String(l.event).startsWith('turn.') || String(l.event).startsWith('message'));

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function sign(header: Record<string, unknown>, payload: Record<string, unknown>, key: crypto.KeyObject | null, alg = 'RS256'): string {
  const input = `${b64({ typ: 'JWT', ...header })}.${b64(payload)}`;
  if (!key) return `${input}.`;
  if (alg === 'HS256') return `${input}.${crypto.createHmac('sha256', key.export({ format: 'pem', type: 'spki' })).update(input).digest('base64url')}`;
  return `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

describe('authentication (production mode, real botbuilder validation)', function () {
  this.timeout(30_000);
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  let provider: Provider;
  let h: Harness;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({ iss: ISSUER, aud: APP_ID, nbf: now() - 60, exp: now() + 3600, serviceurl: h.serviceUrl, ...extra });
  const prodEnv = (metadataUrl: string) => ({
    NODE_ENV: 'production',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'test-only-password',
    ALLOWED_TENANTS: TENANT_ID,
    BOT_OPENID_METADATA_URL: metadataUrl,
  });

  async function post(harness: Harness, token: string | undefined, activity: unknown = personalMessage('help', { serviceUrl: harness.serviceUrl })) {
    const started = Date.now();
    const res = await fetch(`${harness.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, text: await res.text(), ms: Date.now() - started };
  }

  before(async () => {
    provider = await startProvider(publicKey.export({ format: 'jwk' }));
    h = await startHarness({ env: prodEnv(`${provider.url}/metadata`) });
  });
  after(async () => {
    await h.close();
    await provider.close();
  });

  it('accepts a correctly signed token (the request reaches the bot)', async () => {
    const typing = { ...personalMessage('', { serviceUrl: h.serviceUrl }), type: 'typing', text: undefined };
    const res = await post(h, sign({ alg: 'RS256', kid: 'test-key' }, claims(), privateKey), typing);
    assert.equal(res.status, 200, JSON.stringify(h.logs.filter((l) => String(l.event).startsWith('auth'))));
    assert.ok(!h.logs.some((l) => l.event === 'auth.refused'));
  });

  it('verifies a token once per request: the gate hands its result to the adapter', async () => {
    const proto = JwtTokenExtractor.prototype as unknown as { validateToken: (...args: unknown[]) => Promise<unknown> };
    const validate = proto.validateToken;
    let verified = 0;
    proto.validateToken = function (this: unknown, ...args: unknown[]) {
      verified++;
      return validate.apply(this, args);
    };
    try {
      const typing = { ...personalMessage('', { serviceUrl: h.serviceUrl }), type: 'typing', text: undefined };
      for (let i = 0; i < 3; i++) assert.equal((await post(h, sign({ alg: 'RS256', kid: 'test-key' }, claims(), privateKey), typing)).status, 200);
      assert.equal(verified, 3);
    } finally {
      proto.validateToken = validate;
    }
  });

  const forged: [string, () => string | undefined][] = [
    ['no token', () => undefined],
    ['a malformed header value', () => 'not a jwt'],
    ['unsigned', () => sign({ kid: 'test-key', alg: 'RS256' }, claims(), null)],
    ['alg none', () => sign({ kid: 'test-key', alg: 'none' }, claims(), null)],
    ['HS256 keyed with the public key', () => sign({ kid: 'test-key', alg: 'HS256' }, claims(), publicKey, 'HS256')],
    ['signed by another key under the real kid', () => sign({ kid: 'test-key', alg: 'RS256' }, claims(), other.privateKey)],
    ['an unknown kid', () => sign({ kid: 'nope', alg: 'RS256' }, claims(), privateKey)],
    ['expired', () => sign({ kid: 'test-key', alg: 'RS256' }, claims({ nbf: now() - 7200, exp: now() - 3600 }), privateKey)],
    ['the wrong audience', () => sign({ kid: 'test-key', alg: 'RS256' }, claims({ aud: 'someone-else' }), privateKey)],
    ['the wrong issuer', () => sign({ kid: 'test-key', alg: 'RS256' }, claims({ iss: 'https://evil.example' }), privateKey)],
    ['the wrong serviceurl claim', () => sign({ kid: 'test-key', alg: 'RS256' }, claims({ serviceurl: 'https://evil.example/' }), privateKey)],
  ];
  for (const [label, token] of forged) {
    it(`refuses ${label} with a quick 401, a fixed body and one log line (nothing on stderr)`, async () => {
      const before = h.logs.length;
      h.connector.reset();
      const { result: res, stderr } = await capturingStderr(() => post(h, token()));
      assert.equal(stderr, '', 'botbuilder\'s raw verify output is dropped');
      assert.equal(res.status, 401, `${label}: ${res.text}`);
      assert.deepEqual(JSON.parse(res.text), { error: 'Unauthorized.' });
      assert.ok(res.ms < 5000, `${res.ms} ms`);
      const lines = h.logs.slice(before);
      const refused = lines.filter((l) => l.event === 'auth.refused');
      assert.equal(refused.length, 1);
      assert.equal(typeof refused[0].reason, 'string');
      assert.ok(!processed(h, before), 'nothing processed');
      assert.doesNotMatch(h.logText(), /BEGIN PUBLIC KEY|eyJ/);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(h.connector.requests.length, 0, 'nothing sent');
    });
  }

  it('drops only botbuilder\'s two raw verify-failure prints; any other console.error still prints', () => {
    const expired = Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' });
    assert.equal(isBotbuilderVerifyNoise([expired]), true);
    assert.equal(isBotbuilderVerifyNoise(['Error finding key for token. Available keys: [object KeyObject]']), true);
    assert.equal(isBotbuilderVerifyNoise([new Error('jwt expired')]), false);
    assert.equal(isBotbuilderVerifyNoise(['Error finding key', 'more']), false);
    assert.equal(isBotbuilderVerifyNoise(['something else failed']), false);
  });

  it('answers 503 within 5 s when the provider is unreachable, and remembers the failure', async () => {
    const down = await startProvider(publicKey.export({ format: 'jwk' }));
    const url = `${down.url}/metadata`;
    await down.close(); // the port is now closed: connection refused
    const h2 = await startHarness({ env: prodEnv(url) });
    try {
      const token = sign({ kid: 'test-key', alg: 'RS256' }, claims(), privateKey);
      const first = await post(h2, token);
      assert.equal(first.status, 503);
      assert.ok(first.ms < 5000);
      const second = await post(h2, token);
      assert.equal(second.status, 503);
      assert.ok(second.ms < 500, `a cached failure answers at once (${second.ms} ms)`);
      assert.doesNotMatch(first.text, /127\.0\.0\.1|ECONNREFUSED|metadata/);
      assert.ok(!processed(h2), 'nothing processed');
      assert.equal(h2.connector.requests.length, 0);
    } finally {
      await h2.close();
    }
  });

  it('answers 503 within 5 s when the provider accepts but never answers, without a fetch per request', async () => {
    const silent = await startProvider(publicKey.export({ format: 'jwk' }));
    silent.mode = 'silent';
    const h3 = await startHarness({ env: prodEnv(`${silent.url}/metadata`) });
    try {
      const token = sign({ kid: 'test-key', alg: 'RS256' }, claims(), privateKey);
      const results = await Promise.all([post(h3, token), post(h3, token), post(h3, token)]);
      for (const r of results) {
        assert.equal(r.status, 503);
        assert.ok(r.ms < 5000, `${r.ms} ms`);
      }
      assert.equal(silent.hits, 1, 'concurrent requests share one fetch');
      const again = await post(h3, token);
      assert.equal(again.status, 503);
      assert.ok(again.ms < 500, 'backoff: no new fetch at once');
      assert.equal(silent.hits, 1);
      assert.ok(!processed(h3), 'nothing processed');
      assert.equal(h3.connector.requests.length, 0);
    } finally {
      await h3.close();
      await silent.close();
    }
  });
});
