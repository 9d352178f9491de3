/**
 * `npm run package [-- --env NAME] [--out DIR]`: builds the Teams app package from appPackage/.
 *
 * Values for `${{VAR}}` placeholders come from env/.env.NAME, then env/.env.NAME.user
 * (uncommitted), then the process environment (non-empty values win). NAME is --env, else
 * TEAMSFX_ENV, else `local`. Any placeholder left without a value stops the build with its
 * name; an empty value counts as missing unless written as `VAR=""`.
 *
 * The filled manifest is validated offline against the official Teams schema that
 * @microsoft/app-manifest ships (never fetched), the icons are checked as Teams checks them,
 * and the results are written to appPackage/build/manifest.NAME.json and appPackage.zip.
 */
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { decodePng } from './png';

export const ROOT = path.resolve(__dirname, '..');

export class PackageError extends Error {
  constructor(public readonly problems: string[]) {
    super(`The app package was not built:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PackageError';
  }
}

/** A parsed env file. `explicitEmpty` holds names written as `NAME=""` (empty on purpose). */
export interface EnvValues {
  values: Record<string, string>;
  explicitEmpty: Set<string>;
}

/** Parses the dotenv subset Teams Toolkit writes: `KEY=value`, quotes, `#` comments, `export`. */
export function parseEnvFile(text: string): EnvValues {
  const values: Record<string, string> = {};
  const explicitEmpty = new Set<string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, key, rest] = m;
    let value: string;
    const quoted = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(rest);
    if (quoted) {
      value = quoted[1] === '"' ? quoted[2].replace(/\\n/g, '\n').replace(/\\"/g, '"') : quoted[2];
      if (value === '') explicitEmpty.add(key);
      else explicitEmpty.delete(key);
    } else {
      value = rest.replace(/\s+#.*$/, '').trim();
      explicitEmpty.delete(key);
    }
    values[key] = value;
  }
  return { values, explicitEmpty };
}

export interface EnvironmentOptions {
  root?: string;
  /** Folder of the .env.NAME files; defaults to <root>/env. */
  envDir?: string;
  envName: string;
  /** Usually process.env; non-empty values override the files. */
  overrides?: Record<string, string | undefined>;
}

export function checkEnvName(envName: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(envName)) {
    throw new PackageError([`environment name "${envName}" must be letters, digits, "-" or "_" (it names env/.env.NAME)`]);
  }
  return envName;
}

/** Layers env/.env.NAME, env/.env.NAME.user and the overrides. */
export function loadEnvironment({ root = ROOT, envDir = path.join(root, 'env'), envName, overrides = {} }: EnvironmentOptions): EnvValues {
  checkEnvName(envName);
  const merged: EnvValues = { values: { TEAMSFX_ENV: envName }, explicitEmpty: new Set() };
  const files = [path.join(envDir, `.env.${envName}`), path.join(envDir, `.env.${envName}.user`)];
  if (!fs.existsSync(files[0])) {
    throw new PackageError([`env/.env.${envName} does not exist: create it (see env/.env.dev) or choose another environment with --env or TEAMSFX_ENV`]);
  }
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const parsed = parseEnvFile(fs.readFileSync(file, 'utf8'));
    for (const [k, v] of Object.entries(parsed.values)) {
      merged.values[k] = v;
      if (parsed.explicitEmpty.has(k)) merged.explicitEmpty.add(k);
      else merged.explicitEmpty.delete(k);
    }
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (v) {
      merged.values[k] = v;
      merged.explicitEmpty.delete(k);
    }
  }
  return merged;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replaces `${{VAR}}` in JSON text. Placeholders sit inside JSON strings, so each value is
 * inserted JSON-escaped. Returns the names that had no value (sorted, once each).
 */
export function fillPlaceholders(jsonText: string, env: EnvValues): { text: string; unresolved: string[] } {
  const unresolved = new Set<string>();
  const text = jsonText.replace(PLACEHOLDER, (whole, name: string) => {
    const value = env.values[name];
    if (value === undefined || (value === '' && !env.explicitEmpty.has(name))) {
      unresolved.add(name);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  return { text, unresolved: [...unresolved].sort() };
}

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
type AppManifestArg = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

/** The local copy of the schema a manifest's `$schema` names, or an error saying why there is none. */
export function localSchemaPath(schemaUrl: unknown): string {
  const m = typeof schemaUrl === 'string'
    ? /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/v[0-9.]+\/MicrosoftTeams\.schema\.json)$/i.exec(schemaUrl)
    : null;
  if (!m) throw new PackageError([`$schema must be a Teams schema URL like https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json (got ${JSON.stringify(schemaUrl)})`]);
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(pkgDir, 'build', m[1]);
  if (!fs.existsSync(file)) {
    throw new PackageError([`@microsoft/app-manifest does not ship ${m[1]}, so it cannot be validated offline: choose a schema version it ships`]);
  }
  return file;
}

/** Schema errors for a filled manifest, validated offline; an empty list means valid. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  // Same clean-up @microsoft/app-manifest applies before JSON.parse (the schema has \a and \v).
  const raw = fs.readFileSync(localSchemaPath(manifest.$schema), 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(raw) as ManifestSchema;
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifestArg, schema);
}

export const ICON_SIZES = { color: 192, outline: 32 } as const;

interface ManifestIcons {
  icons?: { color?: unknown; outline?: unknown };
}

/** Icon files named by the manifest, relative to `dir`, checked for what Teams requires. */
export function checkIcons(manifest: ManifestIcons, dir: string): { problems: string[]; files: string[] } {
  const problems: string[] = [];
  const files: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const rel = manifest.icons?.[kind];
    if (typeof rel !== 'string') {
      problems.push(`icons.${kind} is missing`);
      continue;
    }
    const file = path.resolve(dir, rel);
    if (path.relative(dir, file).startsWith('..')) {
      problems.push(`icons.${kind} (${rel}) must be inside appPackage/`);
      continue;
    }
    if (!fs.existsSync(file)) {
      problems.push(`icons.${kind}: ${rel} does not exist (npx tsx scripts/makeIcons.ts draws the default icons)`);
      continue;
    }
    files.push(rel);
    let image;
    try {
      image = decodePng(fs.readFileSync(file));
    } catch (err) {
      problems.push(`icons.${kind}: ${rel} is not a readable PNG (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    const size = ICON_SIZES[kind];
    if (image.width !== size || image.height !== size) {
      problems.push(`icons.${kind}: ${rel} is ${image.width}x${image.height}, Teams requires ${size}x${size}`);
    }
    if (kind === 'outline') {
      let transparent = 0;
      let coloured = 0;
      for (let i = 0; i < image.rgba.length; i += 4) {
        const [r, g, b, a] = image.rgba.subarray(i, i + 4);
        if (a === 0) transparent++;
        else if (r !== 255 || g !== 255 || b !== 255) coloured++;
      }
      if (coloured) problems.push(`icons.outline: ${rel} has ${coloured} pixel(s) that are neither white nor transparent`);
      if (!transparent) problems.push(`icons.outline: ${rel} has no transparent background`);
    }
  }
  return { problems, files };
}

export interface BuildOptions extends EnvironmentOptions {
  /** Defaults to <root>/appPackage/build. */
  outDir?: string;
}

export interface BuildResult {
  manifest: Record<string, unknown>;
  manifestPath: string;
  zipPath: string;
}

export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
  const root = options.root ?? ROOT;
  const appDir = path.join(root, 'appPackage');
  const outDir = options.outDir ?? path.join(appDir, 'build');
  const env = loadEnvironment({ ...options, root });

  const { text, unresolved } = fillPlaceholders(fs.readFileSync(path.join(appDir, 'manifest.json'), 'utf8'), env);
  if (unresolved.length) {
    throw new PackageError(unresolved.map((name) =>
      `\${{${name}}} has no value: set ${name} in env/.env.${options.envName} (or env/.env.${options.envName}.user for secrets), or in the environment`));
  }
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new PackageError([`appPackage/manifest.json is not valid JSON after filling placeholders: ${err instanceof Error ? err.message : String(err)}`]);
  }

  const problems = (await validateManifest(manifest)).map((e) => `schema: ${e}`);
  const icons = checkIcons(manifest as ManifestIcons, appDir);
  problems.push(...icons.problems);
  if (problems.length) throw new PackageError(problems);

  fs.mkdirSync(outDir, { recursive: true });
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestPath = path.join(outDir, `manifest.${options.envName}.json`);
  fs.writeFileSync(manifestPath, manifestJson);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifestJson, 'utf8'));
  for (const rel of icons.files) zip.addFile(rel.split(path.sep).join('/'), fs.readFileSync(path.join(appDir, rel)));
  const zipPath = path.join(outDir, 'appPackage.zip');
  zip.writeZip(zipPath);
  return { manifest, manifestPath, zipPath };
}

/** `--name VALUE` or `--name=VALUE`. */
function option(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(name.length + 3) : argv[i + 1];
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const envName = option(argv, 'env') ?? process.env.TEAMSFX_ENV ?? 'local';
  const out = option(argv, 'out');
  buildAppPackage({ envName, overrides: process.env, outDir: out ? path.resolve(out) : undefined }).then(
    ({ manifestPath, zipPath }) => {
      console.log(`manifest valid (offline schema check) for environment "${envName}"`);
      console.log(`wrote ${path.relative(ROOT, manifestPath)}`);
      console.log(`wrote ${path.relative(ROOT, zipPath)} (manifest.json, color.png, outline.png)`);
    },
    (err: unknown) => {
      console.error(err instanceof PackageError ? err.message : err);
      process.exit(1);
    },
  );
}
