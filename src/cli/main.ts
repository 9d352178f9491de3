#!/usr/bin/env node
/**
 * The `trustline` admin CLI: a small dispatcher over src/cli/commands. Exit codes: 0 done,
 * 1 the command found a problem (e.g. policy errors), 2 usage or configuration problem.
 */
import type { CliCommand, CliIo } from './io';
import { processIo, unknownFlag } from './io';
import { COMMANDS } from './commands';

export function usage(commands: CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: trustline <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'trustline <command> --help shows a command\'s options.',
  ].join('\n');
}

/** The command whose words start `argv`, longest name first. */
export function findCommand(argv: string[], commands: CliCommand[] = COMMANDS): { command: CliCommand; rest: string[] } | undefined {
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

export async function main(argv: string[], io: CliIo = processIo, commands: CliCommand[] = COMMANDS): Promise<number> {
  if (!argv.length || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.out(usage(commands));
    return argv.length ? 0 : 2;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    // The first word of a two-word command ("policy"): its help, or which words to add.
    const family = commands.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (family.length && (argv.includes('--help') || argv.includes('-h'))) {
      io.out(family.map((c) => c.usage).join('\n'));
      return 0;
    }
    const hint = family.length ? ` Did you mean ${family.map((c) => `"${c.name}"`).join(' or ')}?` : '';
    io.err(`Unknown command "${argv.slice(0, 2).join(' ')}".${hint}\n\n${usage(commands)}`);
    return 2;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.out(found.command.usage);
    return 0;
  }
  const unknown = unknownFlag(found.rest, found.command.usage);
  if (unknown) {
    io.err(`trustline ${found.command.name}: unknown option ${unknown}\n${found.command.usage}`);
    return 2;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (err) {
    io.err(`trustline ${found.command.name}: ${(err as Error).message ?? String(err)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
