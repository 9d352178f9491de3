/**
 * Configuration from environment variables, validated once at start.
 * Every problem names the variable, so an admin can fix it from the message alone.
 */
import path from 'node:path';
import type { LlmConfig } from './domain/policy/phraser';

export type NodeEnv = 'development' | 'production' | 'test';
export type StorageKind = 'sqlite' | 'azure-table';
export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotCredentials {
  appId: string;
  appPassword?: string;
  appType: AppType;
  tenantId?: string;
  /** Where the channel's signing keys are published (BOT_OPENID_METADATA_URL; tests and sovereign clouds). */
  openIdMetadataUrl?: string;
  /** The issuer channel tokens must carry (BOT_TOKEN_ISSUER; defaults to the Bot Framework's). */
  tokenIssuer?: string;
}

export interface Config {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  /** Undefined means unauthenticated (development and tests only). */
  bot?: BotCredentials;
  /** Tenants served; empty means any (development only). */
  allowedTenants: string[];
  storage: StorageKind;
  dataDir: string;
  azureStorageConnectionString?: string;
  /** Table name prefix, so several deployments can share one storage account. */
  tablePrefix: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Policy documents (Markdown) that make the knowledge base. */
  policyPaths: string[];
  /** The trust directory seed (schools, trust's named people). */
  directoryFile: string;
  /** Report kind definitions (one JSON file per kind), REPORT_KINDS_DIR. */
  reportKindsDir: string;
  /** Entra object ids of trust admins (link channels, name triagers, reload the policy). */
  trustAdmins: string[];
  /** Policy answers: gap retention and the optional model that phrases answers. */
  answers: AnswersConfig;
  /** Milliseconds a graceful shutdown waits for in-flight turns. */
  shutdownGraceMs: number;
  /** Working time for triage deadlines, reminders and escalations (routing). */
  triage: TriageTimeConfig;
  /** The outbox worker that delivers alerts and notifications (routing). */
  outbox: OutboxConfig;
  /** Per-user rate limits (src/domain/limits); 0 turns one off. */
  limits: LimitsConfig;
  /** Retention schedule (days by retention class), RETENTION_FILE; see docs/SECURITY.md. */
  retentionFile: string;
}

export interface LimitsConfig {
  /** Questions one user may ask in any minute, RATE_LIMIT_QUESTIONS_PER_MINUTE. */
  questionsPerMinute: number;
  /** Reports one user may file in any hour, RATE_LIMIT_REPORTS_PER_HOUR. */
  reportsPerHour: number;
}

export interface AnswersConfig {
  /** Days an unanswered question (policy gap) is kept, GAP_RETENTION_DAYS. */
  gapRetentionDays: number;
  /** Generative phrasing; undefined means off (the default): answers are offline only. */
  llm?: LlmConfig;
}

export type Weekday = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';
export const WEEKDAYS: readonly Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface TriageTimeConfig {
  /** IANA time zone of the working day (the trust's schools). */
  timeZone: string;
  workDays: Weekday[];
  /** Minutes after local midnight: working day start (inclusive) and end (exclusive). */
  workStartMinute: number;
  workEndMinute: number;
  /** Optional JSON file of term dates and closures; outside terms is not working time. */
  termDatesFile?: string;
  /** Working minutes to acknowledge, by priority, before a reminder goes to the channel. */
  ackMinutes: { high: number; normal: number };
  /** Working minutes after filing when an unacknowledged report escalates to the trust channel. */
  escalateMinutes: { high: number; normal: number };
}

export interface OutboxConfig {
  /** Off for an instance that should only serve HTTP (another instance delivers). */
  enabled: boolean;
  pollMs: number;
  /** Entries delivered at once by one instance. */
  concurrency: number;
  /** A Connector call that takes longer is abandoned and retried. */
  requestTimeoutMs: number;
  /**
   * Per attempt, for creating a channel thread (Teams answers in well under a second); attempts
   * are repeated at once within `requestTimeoutMs` (docs/RELIABILITY.md, duplicate window).
   */
  createTimeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * How long a claim lasts without renewal. The worker renews it every third of this while it
   * works, so it only has to outlast a crashed instance's silence, not a delivery.
   */
  leaseMs: number;
  /**
   * Lease owner name that survives a restart, so a restarted instance takes its own claims back
   * at once. Set per data directory by `src/index.ts` (SQLite, under the instance lock) or by
   * OUTBOX_INSTANCE_ID (unique per instance); unset: a new name per start.
   */
  instanceId?: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const projectRoot = path.resolve(__dirname, '..');
export const DEFAULT_DIRECTORY = path.join(projectRoot, 'config', 'directory.example.json');
export const DEFAULT_REPORT_KINDS_DIR = path.join(projectRoot, 'reportKinds');
export const DEFAULT_RETENTION_FILE = path.join(projectRoot, 'config', 'retention.json');
export const DEFAULT_POLICY = path.join(projectRoot, 'policies', 'staff-communication-and-social-media.md');

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = str(name);
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
    return fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const v = str(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${v}")`);
      return fallback;
    }
    return n;
  };

  const nodeEnv = oneOf<NodeEnv>('NODE_ENV', ['development', 'production', 'test'], 'development');
  const host = str('HOST') ?? '127.0.0.1';
  const port = int('PORT', 3978, 0, 65535);

  const appId = str('MicrosoftAppId') ?? str('BOT_ID');
  const appPassword = str('MicrosoftAppPassword') ?? str('BOT_PASSWORD');
  const appType = oneOf<AppType>('MicrosoftAppType', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], 'MultiTenant');
  const tenantId = str('MicrosoftAppTenantId') ?? str('BOT_TENANT_ID');
  let bot: BotCredentials | undefined;
  if (appId) {
    if (appType !== 'UserAssignedMSI' && !appPassword) {
      problems.push('MicrosoftAppPassword is required when MicrosoftAppId is set (unless MicrosoftAppType=UserAssignedMSI)');
    }
    if (appType !== 'MultiTenant' && !tenantId) {
      problems.push(`MicrosoftAppTenantId is required when MicrosoftAppType=${appType}`);
    }
    // The two overrides exist for the loopback identity provider in tests; left out when unset.
    const openIdMetadataUrl = str('BOT_OPENID_METADATA_URL');
    const tokenIssuer = str('BOT_TOKEN_ISSUER');
    bot = {
      appId, appPassword, appType, tenantId,
      ...(openIdMetadataUrl ? { openIdMetadataUrl } : {}),
      ...(tokenIssuer ? { tokenIssuer } : {}),
    };
  } else if (nodeEnv === 'production') {
    problems.push('MicrosoftAppId and MicrosoftAppPassword are required when NODE_ENV=production: production never runs unauthenticated');
  }

  const triage = triageTimeConfig(str, int, problems);
  const outbox = outboxConfig(str, int, problems);

  const allowedTenants = list(str('ALLOWED_TENANTS'));
  if (nodeEnv === 'production' && allowedTenants.length === 0) {
    problems.push('ALLOWED_TENANTS must list the tenant id(s) served when NODE_ENV=production');
  }

  const storage = oneOf<StorageKind>('STORAGE', ['sqlite', 'azure-table'], 'sqlite');
  const azureStorageConnectionString = str('AZURE_STORAGE_CONNECTION_STRING');
  if (storage === 'azure-table' && !azureStorageConnectionString) {
    problems.push('AZURE_STORAGE_CONNECTION_STRING is required when STORAGE=azure-table');
  }
  const tablePrefix = str('AZURE_TABLE_PREFIX') ?? 'trustline';
  if (!/^[A-Za-z][A-Za-z0-9]{0,39}$/.test(tablePrefix)) {
    problems.push('AZURE_TABLE_PREFIX must be letters and digits, starting with a letter, at most 40 characters');
  }

  const logLevel = oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info');
  const policyPaths = list(str('POLICY_PATHS'));

  const config: Config = {
    nodeEnv,
    host,
    port,
    bot,
    allowedTenants,
    storage,
    dataDir: path.resolve(str('TRUSTLINE_DATA_DIR') ?? './data'),
    azureStorageConnectionString,
    tablePrefix,
    logLevel,
    policyPaths: policyPaths.length ? policyPaths.map((p) => path.resolve(p)) : [DEFAULT_POLICY],
    directoryFile: path.resolve(str('DIRECTORY_FILE') ?? DEFAULT_DIRECTORY),
    reportKindsDir: path.resolve(str('REPORT_KINDS_DIR') ?? DEFAULT_REPORT_KINDS_DIR),
    trustAdmins: list(str('TRUST_ADMINS')),
    answers: answersConfig(str, int, problems),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 10_000, 0, 120_000),
    triage,
    outbox,
    limits: {
      questionsPerMinute: int('RATE_LIMIT_QUESTIONS_PER_MINUTE', 40, 0, 10_000),
      reportsPerHour: int('RATE_LIMIT_REPORTS_PER_HOUR', 20, 0, 10_000),
    },
    retentionFile: path.resolve(str('RETENTION_FILE') ?? DEFAULT_RETENTION_FILE),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

type Str = (name: string) => string | undefined;

function answersConfig(str: Str, int: Int, problems: string[]): AnswersConfig {
  const gapRetentionDays = int('GAP_RETENTION_DAYS', 180, 1, 3650);
  const timeoutMs = int('LLM_TIMEOUT_MS', 4000, 100, 60_000);
  const baseURL = str('OPENAI_BASE_URL');
  const azureEndpoint = str('AZURE_OPENAI_ENDPOINT');
  const azureKey = str('AZURE_OPENAI_API_KEY');
  const azureDeployment = str('AZURE_OPENAI_DEPLOYMENT');
  const openaiKey = str('OPENAI_API_KEY');
  let llm: LlmConfig | undefined;
  if (azureEndpoint || azureKey || azureDeployment) {
    if (!azureEndpoint || !azureKey || !azureDeployment) {
      problems.push('AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT must be set together (generative answers)');
    } else {
      llm = { provider: 'azure', endpoint: azureEndpoint, apiKey: azureKey, model: azureDeployment, apiVersion: str('AZURE_OPENAI_API_VERSION'), baseURL, timeoutMs };
    }
  } else if (openaiKey) {
    llm = { provider: 'openai', apiKey: openaiKey, model: str('OPENAI_MODEL') ?? 'gpt-4o-mini', baseURL, timeoutMs };
  }
  return { gapRetentionDays, llm };
}
type Int = (name: string, fallback: number, min: number, max: number) => number;

function hhmm(value: string): number | undefined {
  const m = /^([01]?\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

function triageTimeConfig(str: Str, int: Int, problems: string[]): TriageTimeConfig {
  const timeZone = str('WORK_TIMEZONE') ?? 'Europe/London';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    problems.push(`WORK_TIMEZONE must be an IANA time zone such as Europe/London (got "${timeZone}")`);
  }
  const daysText = str('WORK_DAYS') ?? 'Mon,Tue,Wed,Thu,Fri';
  const workDays: Weekday[] = [];
  for (const d of list(daysText)) {
    const day = WEEKDAYS.find((w) => w.toLowerCase() === d.slice(0, 3).toLowerCase());
    if (!day) problems.push(`WORK_DAYS must list days like Mon,Tue,Wed,Thu,Fri (got "${d}")`);
    else if (!workDays.includes(day)) workDays.push(day);
  }
  if (workDays.length === 0) problems.push('WORK_DAYS must name at least one day');
  const hoursText = str('WORK_HOURS') ?? '08:00-17:00';
  const [from, to] = hoursText.split('-').map((s) => hhmm(s.trim()));
  let workStartMinute = 8 * 60;
  let workEndMinute = 17 * 60;
  if (from === undefined || to === undefined || from >= to) {
    problems.push(`WORK_HOURS must be HH:MM-HH:MM with the start before the end, e.g. 08:00-17:00 (got "${hoursText}")`);
  } else {
    workStartMinute = from;
    workEndMinute = to;
  }
  const termDatesFile = str('TERM_DATES_FILE');
  const ackMinutes = { high: int('ACK_MINUTES_HIGH', 60, 1, 100_000), normal: int('ACK_MINUTES_NORMAL', 240, 1, 100_000) };
  const escalateMinutes = {
    high: int('ESCALATE_MINUTES_HIGH', 180, 1, 100_000),
    normal: int('ESCALATE_MINUTES_NORMAL', 720, 1, 100_000),
  };
  for (const p of ['high', 'normal'] as const) {
    if (escalateMinutes[p] <= ackMinutes[p]) {
      problems.push(`ESCALATE_MINUTES_${p.toUpperCase()} (${escalateMinutes[p]}) must be greater than ACK_MINUTES_${p.toUpperCase()} (${ackMinutes[p]}): the reminder comes first`);
    }
  }
  return {
    timeZone,
    workDays,
    workStartMinute,
    workEndMinute,
    termDatesFile: termDatesFile ? path.resolve(termDatesFile) : undefined,
    ackMinutes,
    escalateMinutes,
  };
}

function outboxConfig(str: Str, int: Int, problems: string[]): OutboxConfig {
  const enabledText = (str('OUTBOX_WORKER') ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(enabledText)) problems.push(`OUTBOX_WORKER must be on or off (got "${enabledText}")`);
  const backoffBaseMs = int('OUTBOX_BACKOFF_BASE_MS', 1_000, 1, 600_000);
  const backoffMaxMs = int('OUTBOX_BACKOFF_MAX_MS', 300_000, 1, 3_600_000);
  if (backoffMaxMs < backoffBaseMs) problems.push('OUTBOX_BACKOFF_MAX_MS must be at least OUTBOX_BACKOFF_BASE_MS');
  const requestTimeoutMs = int('OUTBOX_REQUEST_TIMEOUT_MS', 15_000, 50, 120_000);
  const createTimeoutMs = Math.min(requestTimeoutMs, int('OUTBOX_CREATE_TIMEOUT_MS', 3_000, 50, 120_000));
  const leaseMs = int('OUTBOX_LEASE_MS', 15_000, 1_000, 3_600_000);
  // Renewed every third of the lease: shorter and one slow store write would lose the claim.
  if (leaseMs < 3_000) problems.push(`OUTBOX_LEASE_MS (${leaseMs}) must be at least 3000 (the worker renews it every third)`);
  const instanceId = str('OUTBOX_INSTANCE_ID');
  if (instanceId !== undefined && !/^[A-Za-z0-9._:-]{1,64}$/.test(instanceId)) problems.push('OUTBOX_INSTANCE_ID must be 1-64 letters, digits, dots, colons, dashes or underscores');
  return {
    enabled: enabledText !== 'off',
    pollMs: int('OUTBOX_POLL_MS', 1_000, 5, 60_000),
    concurrency: int('OUTBOX_CONCURRENCY', 8, 1, 64),
    requestTimeoutMs,
    createTimeoutMs,
    backoffBaseMs,
    backoffMaxMs,
    leaseMs,
    ...(instanceId ? { instanceId } : {}),
  };
}
