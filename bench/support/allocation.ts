/**
 * Bytes a function allocates per call, from V8's sampling heap profiler (the inspector in this
 * process), counting objects the young- and old-generation collectors have already freed: an
 * estimate (one sample per `interval` bytes on average), with the functions that allocate most.
 */
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

export interface Allocation {
  bytesPerCall: number;
  /** Top allocating functions: name (file:line) and bytes per call. */
  top: { where: string; bytesPerCall: number }[];
}

export async function allocationPerCall<T>(items: T[], fn: (item: T) => unknown, interval = 1024): Promise<Allocation> {
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: interval,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    for (const item of items) fn(item);
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
    const byWhere = new Map<string, number>();
    let total = 0;
    const walk = (node: ProfileNode) => {
      total += node.selfSize;
      if (node.selfSize) {
        const file = node.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/');
        const where = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
        byWhere.set(where, (byWhere.get(where) ?? 0) + node.selfSize);
      }
      for (const child of node.children) walk(child);
    };
    walk(profile.head);
    const top = [...byWhere.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([where, bytes]) => ({ where, bytesPerCall: bytes / items.length }));
    return { bytesPerCall: total / items.length, top };
  } finally {
    await session.post('HeapProfiler.disable').catch(() => undefined);
    session.disconnect();
  }
}
