/**
 * restify 11 loads spdy, whose http-deceiver calls process.binding('http_parser') at require
 * time; Node prints DEP0111 twice on every start and test run. We do not use HTTP/2 and cannot
 * drop restify's dependency, so this drops only that one warning. Every other warning, including
 * other deprecations, still goes to Node's normal handler. Import this before restify.
 */
const emitWarning = process.emitWarning.bind(process);

function warningCode(args: unknown[]): unknown {
  const [typeOrOptions, code] = args;
  if (typeOrOptions && typeof typeOrOptions === 'object') return (typeOrOptions as { code?: unknown }).code;
  return code;
}

process.emitWarning = ((warning: string | Error, ...args: unknown[]) => {
  if (warningCode(args) === 'DEP0111' && String(warning instanceof Error ? warning.message : warning).includes('http_parser')) return;
  (emitWarning as (w: string | Error, ...rest: unknown[]) => void)(warning, ...args);
}) as typeof process.emitWarning;

export {};
