/** `npm start`: validate configuration, start the service, shut down cleanly on SIGTERM/SIGINT. */
// First, before anything loads the Bot Framework: modules trustline does not use load on first use.
import './deferredModules';
// Then: V8's young generation stays at its initial size until the service is ready, the old one grows less between full collections (heapSizing.ts).
import './heapSizingAtStart';
import { loadConfig, ConfigError } from './config';
import { startTrustline } from './trustline';
import { acquireInstanceLock, InstanceLockError, persistentInstanceId } from './storage/sqlite/instanceLock';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`trustline: ${err.message}\nSee .env.example for every variable.\n`);
      process.exit(2);
    }
    throw err;
  }
  if (config.storage === 'sqlite') {
    try {
      acquireInstanceLock(config.dataDir); // released on exit
      // Under the lock, so no other live instance shares the name (OUTBOX_INSTANCE_ID wins).
      config.outbox.instanceId ??= persistentInstanceId(config.dataDir);
    } catch (err) {
      if (err instanceof InstanceLockError) {
        process.stderr.write(`trustline: ${err.message}\n`);
        process.exit(3);
      }
      throw err;
    }
  }
  const trustline = await startTrustline(config);
  // The policy loads just after listening (trustline.ts): one that does not load stops the start.
  trustline.ready.catch((err: unknown) => {
    process.stderr.write(`trustline failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
  const shutdown = (signal: string) => {
    process.stdout.write(`trustline: ${signal} received, finishing in-flight turns\n`);
    trustline.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // Only now: a supervisor that signals as soon as it reads this line must find the handlers
  // (the write to a pipe is synchronous; a SIGTERM before them killed the process outright).
  process.stdout.write(`trustline listening on ${trustline.url} (POST /api/messages, GET /healthz)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`trustline failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
