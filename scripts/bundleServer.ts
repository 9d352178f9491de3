/**
 * `npm run build` (after tsc): bundles the service's entry, src/index.ts, with esbuild into one
 * file, dist/server.js, and puts scripts/serverLoader.cjs in dist/index.js (what `npm start` and
 * App Service run), replacing tsc's copy: it runs the bundle with V8's code cache,
 * dist/server.js.cache, which this script then writes by starting the built service once on
 * loopback. The rest of dist/ stays tsc's (the CLI, dist/cli/main.js, runs from it).
 *
 * Why: start-up otherwise resolves, stats and reads about 2,000 small module files of the Bot
 * Framework and its dependencies and parses and compiles each; with the cache it reads two files
 * and deserialises what it runs. Comments and whitespace are dropped (less source held in
 * memory); names are kept, so stack traces still read. Figures in docs/PERFORMANCE.md.
 *
 * Left out of the bundle and required from node_modules at run time:
 * - better-sqlite3, dtrace-provider: native code;
 * - the text recognizers, axios, cross-fetch, @azure/identity, @azure/msal-node: src/deferredModules.ts
 *   defers them (loaded on first use) by hooking `require` by name;
 * - openai, @azure/data-tables: loaded only when configured (phrasing, the Azure store).
 * The card engine (adaptivecards-templating) is in the bundle: still required only when the
 * cards are preloaded, after the server listens, but compiled from the cache.
 *
 * Modules that find files beside themselves (`__dirname`: card templates, report kinds, the
 * lexicon) are given their own directory as it is in dist/, so paths resolve as from tsc's output.
 * Run alone: `npx tsx scripts/bundleServer.ts [outfile]`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');

export const EXTERNAL = [
  'better-sqlite3', 'dtrace-provider',
  '@microsoft/recognizers-text', '@microsoft/recognizers-text-*',
  'axios', 'cross-fetch', '@azure/identity', '@azure/msal-node',
  'openai', '@azure/data-tables',
];

/** Each src module's `__dirname`, as the directory tsc would have emitted it to, relative to the bundle. */
function dirnameAsBuilt(outfile: string): Plugin {
  return {
    name: 'dirname-as-built',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await fs.promises.readFile(args.path, 'utf8');
        if (!args.path.startsWith(SRC + path.sep) || !/\b__dirname\b/.test(source)) return { contents: source, loader: 'ts' };
        const builtDir = path.join(DIST, path.relative(SRC, path.dirname(args.path)));
        const rel = path.relative(path.dirname(outfile), builtDir) || '.';
        const contents = source.replace(/\b__dirname\b/g, `require('node:path').join(__dirname, ${JSON.stringify(rel)})`);
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * V8 keeps a script's source in memory as one string, and one character outside Latin-1 makes it
 * two bytes per character: a few curly quotes in regular expressions doubled the bundle's 5.6 MB.
 * esbuild escapes them in strings but not in regular-expression literals or licence comments;
 * `\uXXXX` means the same character in both.
 */
export function asciiOnly(code: string): string {
  // eslint-disable-next-line no-control-regex
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Bundles into `outDir` (server.js, index.js, server.js.cache); `outDir` defaults to dist/. */
export async function bundleServer(outDir = DIST): Promise<{ bytes: number; cacheBytes: number }> {
  const outfile = path.join(outDir, 'server.js');
  const result = await build({
    entryPoints: [path.join(SRC, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'external',
    charset: 'ascii',
    write: false,
    logLevel: 'warning',
    plugins: [dirnameAsBuilt(outfile)],
  });
  fs.mkdirSync(outDir, { recursive: true });
  let bytes = 0;
  for (const file of result.outputFiles) {
    const text = asciiOnly(file.text);
    fs.writeFileSync(file.path, text);
    if (file.path === outfile) bytes = text.length;
  }
  const entry = path.join(outDir, 'index.js');
  fs.copyFileSync(path.join(__dirname, 'serverLoader.cjs'), entry);
  fs.rmSync(`${entry}.map`, { force: true }); // tsc's map of the entry no longer matches it
  fs.rmSync(`${outfile}.cache`, { force: true });
  await writeCodeCache(entry);
  return { bytes, cacheBytes: fs.statSync(`${outfile}.cache`).size };
}

/**
 * Starts the built service once (loopback, a throwaway data directory, no credentials), waits
 * until it is healthy and its cards are loaded, and stops it: the loader writes the code cache
 * as it exits.
 */
export async function writeCodeCache(entry: string): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-codecache-'));
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', TRUSTLINE_DATA_DIR: dataDir, LOG_LEVEL: 'info', TRUSTLINE_WRITE_CODE_CACHE: '1' },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    for (const end = Date.now() + 60_000; ; ) {
      if (child.exitCode !== null) throw new Error(`the built service exited while starting:\n${out.slice(-2000)}`);
      if (Date.now() > end) throw new Error('the built service did not start within 60 s');
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      // The cards are loaded just after listening; the line after them says so.
      if (/"event":"cards.preload_failed"/.test(out)) throw new Error(`the built service could not load its card templates:\n${out.slice(-2000)}`);
      if (url && /"event":"cards.preloaded"/.test(out)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new Error(`the built service exited ${code} on SIGTERM:\n${out.slice(-2000)}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  bundleServer(outDir).then(({ bytes, cacheBytes }) => {
    console.log(`bundled src/index.ts into ${outDir ?? 'dist'}/server.js (${(bytes / 1e6).toFixed(1)} MB), code cache ${(cacheBytes / 1e6).toFixed(1)} MB`);
  }, (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
