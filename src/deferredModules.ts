/**
 * Defers loading the Microsoft text recognizers until something uses them. teams-ai's
 * Application loads botbuilder-dialogs (for its SSO prompts), and botbuilder-dialogs loads the
 * number, choice and date-time recognizers at once: about 10 MB of source and 30 MB of
 * resident memory, and a good part of start-up, for prompts trustline never runs (it has no
 * dialogs). Each recognizer package required by name gets a stand-in that loads the real
 * module on first use of any export.
 *
 * The same for HTTP and identity clients the Bot Framework requires at load but trustline's
 * turns do not use: axios (skills, attachment downloads, teams-ai's AI models), cross-fetch (the
 * Emulator's API), @azure/identity (managed identity) and @azure/msal-node (certificate and
 * federated credentials, teams-ai's user sign-in; a password's token comes from it on the first
 * authenticated call). About 60-80 ms of each start, before /healthz answers. The one export read while modules load, the suite's
 * `Culture` name constants ("en-us", ...), is served from the small base package. Importing
 * this module installs it: src/index.ts imports it first. docs/PERFORMANCE.md has the figures.
 */
import Module from 'node:module';
import path from 'node:path';

const DEFERRED = /^(@microsoft\/recognizers-text-(suite|number|date-time|choice|sequence|number-with-unit)|axios|cross-fetch|@azure\/identity|@azure\/msal-node)$/;

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load; _resolveFilename(request: string, parent: unknown, isMain: boolean): string };

/** An object that stands for `load()`'s module: every use loads it (once) and goes to it. */
function deferred(load: () => Record<PropertyKey, unknown>, own: (p: PropertyKey) => unknown): object {
  return new Proxy({}, {
    get: (_t, p) => {
      // Compiled TypeScript's __importStar asks this first; the recognizers are ES modules.
      if (p === '__esModule') return true;
      const value = own(p);
      return value === undefined ? load()[p] : value;
    },
    has: (_t, p) => p in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_t, p) => {
      const d = Object.getOwnPropertyDescriptor(load(), p);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}

let installed = false;

export function deferUnusedModules(): void {
  if (installed) return;
  installed = true;
  const original = loader._load;
  loader._load = function load(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    if (!DEFERRED.test(request)) return original.call(this, request, parent, isMain);
    let real: Record<PropertyKey, unknown> | undefined;
    const loadReal = () => (real ??= original.call(this, request, parent, isMain) as Record<PropertyKey, unknown>);
    if (!request.endsWith('-suite')) return deferred(loadReal, () => undefined);
    // The suite's Culture: its name constants from the base package, anything else from the suite.
    let culture: object | undefined;
    const cultureOf = (): object => {
      if (culture) return culture;
      let base: Record<string, unknown> | undefined;
      try {
        const suiteFile = loader._resolveFilename(request, parent, false);
        const basePath = require.resolve('@microsoft/recognizers-text', { paths: [path.dirname(suiteFile)] });
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        base = (require(basePath) as { Culture?: Record<string, unknown> }).Culture;
      } catch {
        base = undefined;
      }
      culture = deferred(() => loadReal().Culture as Record<PropertyKey, unknown>, (p) => (base && typeof base[p as string] === 'string' ? base[p as string] : undefined));
      return culture;
    };
    return deferred(loadReal, (p) => (p === 'Culture' ? cultureOf() : undefined));
  };
}

deferUnusedModules();
