/** Background task: deletes expired policy gaps (or choice-log offers) at start and then every six hours. */
import type { Logger } from '../../log';
import { errorFields } from '../../log';

export const GAP_PURGE_INTERVAL_MS = 6 * 60 * 60 * 1000;

export function gapPurgeTask(gaps: { purge(): Promise<number> }, log: Logger, intervalMs = GAP_PURGE_INTERVAL_MS, name = 'gaps') {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = gaps.purge()
      .then((deleted) => { if (deleted) log.info(`${name}.purged`, { deleted }); })
      .catch((err: unknown) => log.warn(`${name}.purge_failed`, errorFields(err)));
  };
  return {
    name: `${name}.purge`,
    start() {
      run();
      timer = setInterval(run, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
