/**
 * `trustline choices [--json] [--purge]`: what people picked when asked "which is closest to your
 * situation?" (or shown the nearest clauses): the question, the clauses offered and the one(s)
 * picked, newest first. Training data for ranking. No asker identity is stored; records expire
 * after GAP_RETENTION_DAYS like the gap log (--purge deletes expired ones now). Trust admins only:
 * it reads the configured store (TRUSTLINE_DATA_DIR or Azure tables), like the server.
 */
import type { CliCommand, CliIo } from '../io';
import { parseArgs } from '../io';
import { ConfigError, loadConfig } from '../../config';
import { createStore } from '../../storage/createStore';
import { readingFrom } from '../storeName';
import { ChoiceLog, formatChoices } from '../../domain/policy/choices';

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
    const choices = new ChoiceLog(store, config.answers.gapRetentionDays);
    if (parsed.flags.has('purge')) io.err(`Deleted ${await choices.purge()} expired choice record(s).`);
    const offers = await choices.list();
    io.out(parsed.flags.has('json') ? JSON.stringify(offers, null, 2) : formatChoices(offers));
    return 0;
  } finally {
    await store.close();
  }
}

export const command: CliCommand = {
  name: 'choices',
  summary: 'which situation people picked when asked "which is closest" (training data)',
  usage: `Usage:
  trustline choices [--json] [--purge]
      Each "which is closest" offer (no asker identity): question, clauses offered, clause picked.`,
  run,
};
