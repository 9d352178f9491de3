/**
 * Keeps V8's young generation at its initial size while the service starts, and lets it grow
 * again once it is ready. Building the policy index and loading the Bot Framework keep much of
 * what they allocate, and V8 doubles the young generation's two semi-spaces (1 MB each at first)
 * each time enough survives a scavenge, up to 16 MB each; it never shrinks them while idle.
 * Start-up alone thus left 32 MB committed for garbage an idle instance does not make (about
 * 20 MB of its resident memory; docs/PERFORMANCE.md). With growth held, what start-up keeps is
 * promoted to the old generation a little sooner, which it would be anyway; under load the
 * semi-spaces grow as before, so turns are not slowed.
 *
 * `--semi-space-growth-factor` is read by V8 each time it grows the young generation, so
 * setting it while running takes effect. It is restored before the service could exit, so V8's
 * flag hash, which the code cache written at exit carries (scripts/serverLoader.cjs), is the
 * default one the next start checks. An operator who sets the young generation's size or growth
 * on the command line or in NODE_OPTIONS is left alone.
 */
import v8 from 'node:v8';

const DEFAULT_GROWTH_FACTOR = 2; // V8's default (Node 20)

let held = false;

function operatorChose(): boolean {
  const args = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  return /semi[-_]space/.test(args);
}

/** Stops the young generation growing until `releaseYoungGeneration()`. */
export function holdYoungGeneration(): void {
  if (held || operatorChose()) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  held = true;
}

/** Lets the young generation grow as V8 would (idempotent). */
export function releaseYoungGeneration(): void {
  if (!held) return;
  v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
  held = false;
}

/** Whether growth is held now (for tests). */
export function youngGenerationHeld(): boolean {
  return held;
}
