/**
 * One service instance per SQLite data directory (docs/STORAGE.md): a lock file holding the
 * owner's pid. A second instance whose lock is held by a live process refuses to start with a
 * clear message; a lock left by a process that is gone (crash, SIGKILL) is taken over. The CLI
 * does not take the lock: it runs short, WAL-safe operations beside the service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export class InstanceLockError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Takes the data directory's lock; returns a release function (also run on process exit). */
export function acquireInstanceLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'trustline.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new InstanceLockError(
        `another trustline instance (pid ${pid}) is using the data directory ${dataDir}. ` +
        'Only one instance may use a SQLite data directory; stop it first, or use Azure Table Storage (STORAGE=azure-table) to run several.',
      );
    }
    fs.rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new InstanceLockError(`could not take the lock ${file}`);
}

/**
 * The name this data directory's instance uses for its outbox leases, kept in the directory so
 * it survives restarts: after a crash the restarted instance takes back its own claims at once
 * instead of waiting for their leases to run out. Only meaningful under the lock above (one
 * live instance per directory), which is why `src/index.ts` reads it right after taking it.
 */
export function persistentInstanceId(dataDir: string): string {
  const file = path.join(dataDir, 'instance-id');
  try {
    const id = fs.readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9._:-]{1,64}$/.test(id)) return id;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const id = `sqlite-${randomUUID().slice(0, 12)}`;
  fs.writeFileSync(file, `${id}\n`);
  return id;
}
