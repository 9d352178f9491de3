/**
 * Where a profiled frame's code lives: a package under node_modules, a project folder (under
 * src/ or a build's dist*), node itself, or V8. Shared by the CPU profile summary and the
 * allocation bench so both attribute cost the same way.
 */
export function codeOwner(url: string): string {
  if (!url) return '(v8/native)';
  if (url.startsWith('node:')) return 'node:internal';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const m = /\/(dist[^/]*|src)\/(.*)$/.exec(url);
  return m ? `${m[1]}/${m[2].split('/').slice(0, -1).join('/') || '.'}` : url;
}
