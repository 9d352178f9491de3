/**
 * How V8 sizes the service's heap, set from inside the process (App Service and the bench run
 * `node dist/index.js` with no flags). Figures in docs/PERFORMANCE.md.
 *
 * - **Young generation held while starting.** Building the policy index and loading the Bot
 *   Framework keep much of what they allocate, and V8 doubles the young generation's two
 *   semi-spaces (1 MB each at first) each time enough survives a scavenge, up to 16 MB each; it
 *   does not shrink them while idle. Start-up alone left 32 MB committed that an idle instance
 *   does not use (about 20 MB of resident memory). Held, what start-up keeps is promoted a
 *   little sooner, which it would be anyway; released once the service is ready, the
 *   semi-spaces grow with load as before, so turns are not slowed.
 * - **Old generation grown by at most 50% over what a full collection left live.** V8 lets it
 *   grow up to 4 times (a factor chosen from GC and mutator speed) before the next full
 *   collection. A turn keeps nothing, but under load some of each turn's garbage is in flight
 *   at two scavenges and is promoted, so the old generation filled with dead turns: 100-130 MB
 *   where 40-55 MB was live. Collected sooner, it holds about 70 MB, for no measurable CPU per
 *   turn (the marking is concurrent, and a smaller heap is quicker to sweep); 30% held 55 MB
 *   but served fewer turns per second in three rounds of three.
 *
 * Both flags are read by V8 each time it grows a space, so setting them while running takes
 * effect. Both are restored before the process exits, so V8's flag hash, which the code cache
 * written at exit carries (scripts/serverLoader.cjs), is the default one the next start checks
 * (without it the cache was rejected). An operator who sets either on the command line or in
 * NODE_OPTIONS is left alone.
 */
import v8 from 'node:v8';

// V8's defaults (Node 20): doubling; 0 = its own factor, from 1.1 to 4.
const DEFAULT_SEMI_SPACE_GROWTH = 2;
const DEFAULT_HEAP_GROWING_PERCENT = 0;
export const OLD_GENERATION_GROWTH_PERCENT = 50;

let youngHeld = false;
let oldBounded = false;
let restoreOnExit = false;

function operatorSet(pattern: RegExp): boolean {
  return pattern.test([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '));
}

function restoreAtExit(): void {
  if (restoreOnExit) return;
  restoreOnExit = true;
  // Before the loader's own exit listener, which writes the code cache.
  process.prependOnceListener('exit', restoreHeapFlags);
}

/** Stops the young generation growing until `releaseYoungGeneration()`. */
export function holdYoungGeneration(): void {
  if (youngHeld || operatorSet(/semi[-_]space/)) return;
  restoreAtExit();
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  youngHeld = true;
}

/** Lets the young generation grow as V8 would (idempotent). */
export function releaseYoungGeneration(): void {
  if (!youngHeld) return;
  v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_SEMI_SPACE_GROWTH}`);
  youngHeld = false;
}

/** Lets the old generation grow by at most OLD_GENERATION_GROWTH_PERCENT between full collections. */
export function boundOldGeneration(): void {
  if (oldBounded || operatorSet(/heap[-_]growing|max[-_]old[-_]space|semi[-_]space/)) return;
  restoreAtExit();
  v8.setFlagsFromString(`--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`);
  oldBounded = true;
}

/** V8's flags as they were (before the code cache may be written). */
export function restoreHeapFlags(): void {
  releaseYoungGeneration();
  if (!oldBounded) return;
  v8.setFlagsFromString(`--heap-growing-percent=${DEFAULT_HEAP_GROWING_PERCENT}`);
  oldBounded = false;
}

/** What is in effect now (for tests). */
export function heapSizing(): { youngHeld: boolean; oldBounded: boolean } {
  return { youngHeld, oldBounded };
}
