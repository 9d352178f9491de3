/**
 * Policy files for the CLI: `--policy FILE` (repeatable), else POLICY_PATHS, else the shipped
 * policy. Resolved without the server's full configuration, so `ask` and `policy check` work on
 * a workstation with no bot credentials.
 */
import path from 'node:path';
import { DEFAULT_POLICY } from '../../config';

export function policyPaths(flags: string[] | undefined, env: Record<string, string | undefined>): string[] {
  if (flags?.length) return flags.map((p) => path.resolve(p));
  const fromEnv = (env.POLICY_PATHS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return fromEnv.length ? fromEnv.map((p) => path.resolve(p)) : [DEFAULT_POLICY];
}
