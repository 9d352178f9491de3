/**
 * Starts the real trustline server in process on a free loopback port, with a temp data dir
 * (or a unique Azurite table prefix), a Bot Connector stand-in, a fake-able clock and a log
 * capture. Tests talk to it over HTTP exactly as Teams would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import type { Clock } from '../../src/clock';
import { startTrustline, Trustline } from '../../src/trustline';
import { ConnectorStub } from './connector';
import { getAzurite, uniqueTablePrefix } from './azurite';

export type StorageChoice = 'sqlite' | 'azure-table';

export interface HarnessOptions {
  storage?: StorageChoice;
  /** Extra environment variables for loadConfig. */
  env?: Record<string, string>;
  clock?: Clock;
}

export interface SendResult<T = unknown> {
  status: number;
  body: T;
}

export class FakeClock implements Clock {
  constructor(private t: number = Date.parse('2026-11-25T09:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface Harness {
  bot: Trustline;
  connector: ConnectorStub;
  /** The connector's serviceUrl, to put in activities. */
  serviceUrl: string;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Raw log text, for asserting that personal data never appears. */
  logText(): string;
  env: Record<string, string>;
  /** POSTs a JSON activity to /api/messages and returns the HTTP status and parsed body. */
  send<T = unknown>(activity: unknown): Promise<SendResult<T>>;
  /** POSTs raw bytes (for malformed-input tests). */
  post(pathname: string, raw: string, contentType?: string): Promise<SendResult<string>>;
  get(pathname: string): Promise<SendResult<unknown>>;
  /** Stops the server and starts it again on the same data. */
  /** Stops the server and starts it again on the same data (with extra env, e.g. to turn the outbox worker on). */
  restart(extraEnv?: Record<string, string>): Promise<void>;
  /**
   * Starts another instance of the server on the same data (as a second App Service instance
   * would), with its own port and worker; closed by close().
   */
  startInstance(extraEnv?: Record<string, string>): Promise<Trustline>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const connector = await ConnectorStub.start();
  const storage = options.storage ?? (process.env.TRUSTLINE_TEST_STORAGE as StorageChoice | undefined) ?? 'sqlite';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-test-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    TRUSTLINE_DATA_DIR: dataDir,
    STORAGE: storage,
    LOG_LEVEL: 'debug',
    SHUTDOWN_GRACE_MS: '2000',
    // Load and routing tests file dozens of reports as one person on a frozen clock; the
    // per-user limits are tested on their own (rateLimit.test.ts sets them).
    RATE_LIMIT_QUESTIONS_PER_MINUTE: '0',
    RATE_LIMIT_REPORTS_PER_HOUR: '0',
    ...options.env,
  };
  if (storage === 'azure-table') {
    const azurite = await getAzurite();
    env.AZURE_STORAGE_CONNECTION_STRING = azurite.connectionString;
    env.AZURE_TABLE_PREFIX = options.env?.AZURE_TABLE_PREFIX ?? uniqueTablePrefix();
  }

  const lines: string[] = [];
  const log = createLogger('debug', {}, (line) => lines.push(line));
  const start = (extraEnv: Record<string, string> = {}) => startTrustline(loadConfig({ ...env, ...extraEnv }), { log, clock: options.clock });
  let bot = await start();
  const instances: Trustline[] = [];

  const request = async (method: string, pathname: string, body?: string, contentType = 'application/json') => {
    const res = await fetch(`${bot.url}${pathname}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': contentType },
      body,
    });
    const text = await res.text();
    return { status: res.status, text };
  };
  const parse = (text: string): unknown => {
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      return text;
    }
  };

  const harness: Harness = {
    get bot() {
      return bot;
    },
    connector,
    serviceUrl: connector.url,
    env,
    get logs() {
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    logText: () => lines.join('\n'),
    async send<T>(activity: unknown) {
      const { status, text } = await request('POST', '/api/messages', JSON.stringify(activity));
      return { status, body: parse(text) as T };
    },
    async post(pathname, raw, contentType) {
      const { status, text } = await request('POST', pathname, raw, contentType);
      return { status, body: text };
    },
    async get(pathname) {
      const { status, text } = await request('GET', pathname);
      return { status, body: parse(text) };
    },
    async restart(extraEnv) {
      await bot.close();
      bot = await start(extraEnv);
    },
    async startInstance(extraEnv) {
      const instance = await start(extraEnv);
      instances.push(instance);
      return instance;
    },
    async close() {
      await Promise.all(instances.map((i) => i.close()));
      await bot.close();
      await connector.close();
      if (storage === 'sqlite') fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Runs a describe block once per storage backend (SQLite always; Azurite too). */
export const STORAGE_BACKENDS: StorageChoice[] = ['sqlite', 'azure-table'];
