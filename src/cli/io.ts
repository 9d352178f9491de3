/** What a CLI command gets: output streams, environment and standard input, injectable for tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Standard input (questions for `ask` with no question). */
  stdin?: NodeJS.ReadableStream;
}

/**
 * One subcommand. `name` may be several words (`policy check`, `reports list`): the dispatcher
 * picks the command whose words start the arguments, longest first, and passes the rest.
 */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
  stdin: process.stdin,
};

/** `--flag`, `--name value` and `--name=value` options; everything else is positional. */
export function parseArgs(args: string[], valued: string[] = [], repeatable: string[] = []): { positional: string[]; flags: Map<string, string[]> } | string {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-' || !a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    let value = 'true';
    if (valued.includes(name) || repeatable.includes(name)) {
      const v = eq === -1 ? args[++i] : a.slice(eq + 1);
      if (v === undefined || v.startsWith('--')) return `--${name} needs a value`;
      value = v;
    }
    const list = flags.get(name) ?? [];
    if (list.length && !repeatable.includes(name)) return `--${name} given twice`;
    list.push(value);
    flags.set(name, list);
  }
  return { positional, flags };
}

/**
 * The first `--flag` in `args` that the command's usage text does not mention. A command's
 * usage lists every option it takes, so this catches typos (`--jsn`) for every command in one
 * place, instead of each command silently ignoring what it does not read.
 */
export function unknownFlag(args: string[], usage: string): string | undefined {
  const known = new Set([...usage.matchAll(/--([a-z][a-z0-9-]*)/gi)].map((m) => m[1]));
  known.add('help');
  for (const a of args) {
    if (!a.startsWith('--')) continue;
    const name = a.slice(2).split('=')[0];
    if (!known.has(name)) return a.split('=')[0];
  }
  return undefined;
}
