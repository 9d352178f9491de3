/** Background task: deletes expired policy gaps at start and then every six hours. */
import type { Logger } from '../../log';
import { errorFields } from '../../log';
import type { GapStore } from './gaps';

export const GAP_PURGE_INTERVAL_MS = 6 * 60 * 60 * 1000;

export function gapPurgeTask(gaps: GapStore, log: Logger, intervalMs = GAP_PURGE_INTERVAL_MS) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = gaps.purge()
      .then((deleted) => { if (deleted) log.info('gaps.purged', { deleted }); })
      .catch((err: unknown) => log.warn('gaps.purge_failed', errorFields(err)));
  };
  return {
    name: 'gaps.purge',
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
