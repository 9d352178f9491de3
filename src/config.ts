/**
 * Configuration from environment variables, validated once at start.
 * Every problem names the variable, so an admin can fix it from the message alone.
 */
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type StorageKind = 'sqlite' | 'azure-table';
export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotCredentials {
  appId: string;
  appPassword?: string;
  appType: AppType;
  tenantId?: string;
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
  /** Entra object ids of trust admins (link channels, name triagers, reload the policy). */
  trustAdmins: string[];
  /** Milliseconds a graceful shutdown waits for in-flight turns. */
  shutdownGraceMs: number;
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
    bot = { appId, appPassword, appType, tenantId };
  } else if (nodeEnv === 'production') {
    problems.push('MicrosoftAppId and MicrosoftAppPassword are required when NODE_ENV=production: production never runs unauthenticated');
  }

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
    trustAdmins: list(str('TRUST_ADMINS')),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 10_000, 0, 120_000),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
