/**
 * How tests start the service from source: `node -r tsx/cjs src/index.ts`, as `npm run dev` does.
 * Not the tsx CLI: it runs the service as a grandchild behind a signal relay that SIGKILLs it 60 ms
 * after a SIGTERM the busy service has not yet answered (exit 143; the card engine's preload after
 * start made CI fail so once). Run it with the repository root as cwd.
 */
export function serviceCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: ['-r', 'tsx/cjs', 'src/index.ts'] };
}
