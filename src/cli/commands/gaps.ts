/**
 * `trustline gaps [--json] [--purge]`: questions the policy did not answer, grouped by the
 * nearest section, for the policy's next review. No asker identity is stored; records expire
 * after GAP_RETENTION_DAYS (expired ones are never shown; --purge deletes them now).
 * Reads the configured store (TRUSTLINE_DATA_DIR or Azure tables), like the server.
 */
import type { CliCommand, CliIo } from '../io';
import { parseArgs } from '../io';
import { ConfigError, loadConfig } from '../../config';
import { createStore } from '../../storage/createStore';
import { readingFrom } from '../storeName';
import { GapStore, formatGaps } from '../../domain/policy/gaps';

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string' || parsed.positional.length) {
    io.err(`${typeof parsed === 'string' ? `${parsed}\n` : ''}${command.usage}`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    io.err(err instanceof ConfigError ? err.message : String(err));
    return 2;
  }
  io.err(readingFrom(config));
  const store = await createStore(config);
  try {
    const gaps = new GapStore(store, config.answers.gapRetentionDays);
    if (parsed.flags.has('purge')) io.err(`Deleted ${await gaps.purge()} expired gap(s).`);
    const topics = await gaps.list();
    io.out(parsed.flags.has('json') ? JSON.stringify(topics, null, 2) : formatGaps(topics));
    return 0;
  } finally {
    await store.close();
  }
}

export const command: CliCommand = {
  name: 'gaps',
  summary: 'questions the policy did not answer, grouped by topic',
  usage: `Usage:
  trustline gaps [--json] [--purge]
      Unanswered questions (no asker identity), grouped by nearest section, newest first.`,
  run,
};
