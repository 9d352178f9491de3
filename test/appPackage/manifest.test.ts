/**
 * The Teams app package: appPackage/manifest.json with its placeholders filled passes the
 * official schema offline, names the command ids the code handles, ships icons Teams accepts,
 * and `npm run package` turns it into a zip Teams can upload.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import {
  buildAppPackage, checkIcons, fillPlaceholders, loadEnvironment, localSchemaPath, PackageError, parseEnvFile, validateManifest,
} from '../../scripts/packageApp';
import { COLOR_ICON, drawIcon, OUTLINE_ICON } from '../../scripts/makeIcons';
import { decodePng, encodePng, pngSize } from '../../scripts/png';
import { COMMAND_IDS, SEARCH_POLICY_PARAMETER } from '../../src/teams/commandIds';

const root = path.resolve(__dirname, '..', '..');
const appDir = path.join(root, 'appPackage');
const manifestText = fs.readFileSync(path.join(appDir, 'manifest.json'), 'utf8');

const TEST_VALUES: Record<string, string> = {
  TEAMS_APP_ID: '8d6f3c1e-2a4b-4c5d-9e8f-0a1b2c3d4e5f',
  BOT_ID: '11111111-2222-4333-8444-555555555555',
  BOT_DOMAIN: 'trustline-test.azurewebsites.net',
  APP_NAME_SUFFIX: '-test',
  DEVELOPER_NAME: 'Example Academy Trust',
  DEVELOPER_WEBSITE_URL: 'https://www.example.org/',
  PRIVACY_URL: 'https://www.example.org/privacy',
  TERMS_OF_USE_URL: 'https://www.example.org/terms',
};

interface Command { id: string; type?: string; context?: string[]; fetchTask?: boolean; initialRun?: boolean; parameters?: { name: string }[] }
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  name: { short: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; supportsFiles?: boolean; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  composeExtensions: { botId: string; commands: Command[] }[];
  validDomains: string[];
}

function filled(values: Record<string, string> = TEST_VALUES): Manifest {
  const { text, unresolved } = fillPlaceholders(manifestText, { values, explicitEmpty: new Set() });
  assert.deepEqual(unresolved, []);
  return JSON.parse(text) as Manifest;
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]))].sort();
}

const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function writeEnv(dir: string, name: string, values: Record<string, string>): void {
  fs.writeFileSync(path.join(dir, `.env.${name}`), Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n'));
}

describe('Teams app package', function () {
  this.timeout(30_000);
  after(() => temps.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  describe('manifest.json', () => {
    it('passes the official Teams schema offline once its placeholders are filled', async () => {
      const manifest = filled();
      assert.ok(fs.existsSync(localSchemaPath(manifest.$schema)), 'the schema comes from @microsoft/app-manifest, not the network');
      assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
      assert.deepEqual(await validateManifest(manifest as unknown as Record<string, unknown>), []);
    });

    it('the schema check fails on what Teams would reject', async () => {
      const manifest = filled();
      manifest.description.short = 'x'.repeat(81);
      manifest.bots[0].botId = 'not-a-guid';
      const errors = (await validateManifest(manifest as unknown as Record<string, unknown>)).join('\n');
      assert.match(errors, /\/description\/short must NOT have more than 80 characters/);
      assert.match(errors, /\/bots\/0\/botId must match pattern/);
    });

    it('uses only placeholders that env/.env.local and env/.env.dev list (empty until provisioned)', () => {
      const used = placeholders(manifestText);
      assert.ok(used.includes('TEAMS_APP_ID') && used.includes('BOT_ID'), used.join(', '));
      for (const env of ['local', 'dev']) {
        const listed = Object.keys(parseEnvFile(fs.readFileSync(path.join(root, 'env', `.env.${env}`), 'utf8')).values);
        assert.deepEqual(used.filter((name) => !listed.includes(name)), [], `missing from env/.env.${env}`);
      }
    });

    it('the committed env files hold no secrets', () => {
      for (const file of fs.readdirSync(path.join(root, 'env'))) {
        if (file.endsWith('.user')) continue; // git-ignored
        const { values } = parseEnvFile(fs.readFileSync(path.join(root, 'env', file), 'utf8'));
        const secrets = Object.entries(values).filter(([k, v]) => v && /SECRET|PASSWORD|CONNECTION_STRING|_KEY$/i.test(k));
        assert.deepEqual(secrets, [], `env/${file}`);
      }
      const ignored = fs.readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n');
      assert.ok(ignored.includes('env/*.user') || ignored.includes('env/.env.*.user'), '.gitignore must ignore env/*.user');
    });

    it('declares exactly the message-extension command ids the code handles', () => {
      const commands = filled().composeExtensions.flatMap((ce) => ce.commands);
      assert.deepEqual(commands.map((c) => c.id).sort(), Object.values(COMMAND_IDS).sort());

      const search = commands.find((c) => c.id === COMMAND_IDS.searchPolicy);
      assert.equal(search?.type, 'query');
      assert.equal(search?.initialRun, true);
      assert.deepEqual(search?.context, ['compose', 'commandBox']);
      assert.deepEqual(search?.parameters?.map((p) => p.name), [SEARCH_POLICY_PARAMETER]);

      const report = commands.find((c) => c.id === COMMAND_IDS.reportMessage);
      assert.equal(report?.type, 'action');
      assert.deepEqual(report?.context, ['message']);
      assert.equal(report?.fetchTask, true);
    });

    it('has one bot in personal, team and group chat, with the commands of each scope', () => {
      const manifest = filled();
      const [bot] = manifest.bots;
      assert.equal(manifest.bots.length, 1);
      assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(bot.supportsFiles, false);
      assert.ok(manifest.composeExtensions.every((ce) => ce.botId === bot.botId), 'the message extension is served by the same bot');
      const titles = (scope: string) => bot.commandLists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
      for (const t of ['help', 'report', 'my reports']) assert.ok(titles('personal').includes(t), `personal: ${t}`);
      assert.ok(titles('personal').some((t) => t.endsWith('?')), 'personal: a sample question');
      for (const t of ['open alerts', 'export', 'link', 'triagers', 'help']) assert.ok(titles('team').includes(t), `team: ${t}`);
      assert.ok(titles('groupChat').includes('help'));
    });

    it('fills names and domains from the environment', () => {
      const manifest = filled();
      assert.equal(manifest.id, TEST_VALUES.TEAMS_APP_ID);
      assert.equal(manifest.name.short, 'trustline-test');
      assert.deepEqual(manifest.validDomains, [TEST_VALUES.BOT_DOMAIN]);
      assert.match(manifest.description.full, /Staff Communication and Social Media Policy/);
    });
  });

  describe('placeholders and env files', () => {
    it('reports every placeholder without a value, by name, once', () => {
      const values = { ...TEST_VALUES };
      delete values.BOT_ID;
      values.BOT_DOMAIN = '';
      const { unresolved } = fillPlaceholders(manifestText, { values, explicitEmpty: new Set() });
      assert.deepEqual(unresolved, ['BOT_DOMAIN', 'BOT_ID']);
    });

    it('accepts an empty value only when written as VAR=""', () => {
      const env = parseEnvFile('A=\nB=""\nC=\'x y\' # note\nexport D=plain # note\n# E=commented\n');
      assert.deepEqual(env.values, { A: '', B: '', C: 'x y', D: 'plain' });
      assert.deepEqual([...env.explicitEmpty], ['B']);
      assert.deepEqual(fillPlaceholders('"${{A}}${{B}}"', env).unresolved, ['A']);
    });

    it('inserts values JSON-escaped', () => {
      const { text } = fillPlaceholders('{"a":"${{V}}"}', { values: { V: 'say "hi" \\ bye' }, explicitEmpty: new Set() });
      assert.equal((JSON.parse(text) as { a: string }).a, 'say "hi" \\ bye');
    });

    it('layers env/.env.NAME, then env/.env.NAME.user, then non-empty process values', () => {
      const dir = tempDir('trustline-env-');
      writeEnv(dir, 'x', { A: 'file', B: 'file', C: 'file' });
      fs.writeFileSync(path.join(dir, '.env.x.user'), 'B=user\nC=user\n');
      const env = loadEnvironment({ envDir: dir, envName: 'x', overrides: { C: 'process', A: '' } });
      assert.deepEqual(env.values, { TEAMSFX_ENV: 'x', A: 'file', B: 'user', C: 'process' });
    });

    it('refuses an environment without an env file, or with a name that is not a plain word', () => {
      const dir = tempDir('trustline-env-');
      assert.throws(() => loadEnvironment({ envDir: dir, envName: 'nope' }), /env\/\.env\.nope does not exist/);
      assert.throws(() => loadEnvironment({ envDir: dir, envName: '../x' }), PackageError);
    });
  });

  describe('icons', () => {
    it('color.png is 192x192 and outline.png 32x32, white on transparent', () => {
      assert.deepEqual(pngSize(fs.readFileSync(path.join(appDir, 'color.png'))), { width: 192, height: 192 });
      assert.deepEqual(pngSize(fs.readFileSync(path.join(appDir, 'outline.png'))), { width: 32, height: 32 });
      assert.deepEqual(checkIcons(filled(), appDir), { problems: [], files: ['color.png', 'outline.png'] });
    });

    it('are what scripts/makeIcons.ts draws', () => {
      for (const [file, spec] of [['color.png', COLOR_ICON], ['outline.png', OUTLINE_ICON]] as const) {
        const committed = decodePng(fs.readFileSync(path.join(appDir, file)));
        assert.ok(Buffer.from(committed.rgba).equals(Buffer.from(drawIcon(spec).rgba)), `${file} differs: run npx tsx scripts/makeIcons.ts`);
      }
    });

    it('the icon check catches a wrong size and a coloured outline', () => {
      const dir = tempDir('trustline-icons-');
      fs.writeFileSync(path.join(dir, 'color.png'), encodePng(drawIcon({ ...COLOR_ICON, size: 96 })));
      fs.writeFileSync(path.join(dir, 'outline.png'), encodePng(drawIcon({ ...OUTLINE_ICON, background: '#000000' })));
      const { problems } = checkIcons({ icons: { color: 'color.png', outline: 'outline.png' } }, dir);
      assert.match(problems.join('\n'), /color\.png is 96x96, Teams requires 192x192/);
      assert.match(problems.join('\n'), /outline\.png has \d+ pixel\(s\) that are neither white nor transparent/);
      assert.match(problems.join('\n'), /outline\.png has no transparent background/);
      assert.match(checkIcons({ icons: { color: '../x.png', outline: 'missing.png' } }, dir).problems.join('\n'), /must be inside appPackage.*\n.*missing\.png does not exist/);
    });
  });

  describe('the package build', () => {
    it('writes manifest.NAME.json and a zip with manifest.json and both icons at its root', async () => {
      const envDir = tempDir('trustline-env-');
      const outDir = tempDir('trustline-pkg-');
      writeEnv(envDir, 'test', TEST_VALUES);
      const { zipPath, manifestPath } = await buildAppPackage({ envDir, envName: 'test', outDir });
      assert.equal(manifestPath, path.join(outDir, 'manifest.test.json'));
      assert.equal(zipPath, path.join(outDir, 'appPackage.zip'));
      const zip = new AdmZip(zipPath);
      assert.deepEqual(zip.getEntries().map((e) => e.entryName).sort(), ['color.png', 'manifest.json', 'outline.png']);
      const zipped = JSON.parse(zip.readAsText('manifest.json')) as Manifest;
      assert.equal(zipped.bots[0].botId, TEST_VALUES.BOT_ID);
      assert.deepEqual(zipped, JSON.parse(fs.readFileSync(manifestPath, 'utf8')));
      assert.ok(zip.readFile('color.png')?.equals(fs.readFileSync(path.join(appDir, 'color.png'))));
    });

    it('stops, naming each variable without a value, and writes nothing', async () => {
      const envDir = tempDir('trustline-env-');
      const outDir = path.join(tempDir('trustline-pkg-'), 'build');
      const values = { ...TEST_VALUES, BOT_ID: '', TEAMS_APP_ID: '' };
      writeEnv(envDir, 'test', values);
      await assert.rejects(buildAppPackage({ envDir, envName: 'test', outDir }), (err: unknown) => {
        assert.ok(err instanceof PackageError);
        assert.deepEqual(err.problems.map((p) => /\$\{\{(\w+)\}\}/.exec(p)?.[1]), ['BOT_ID', 'TEAMS_APP_ID']);
        return true;
      });
      assert.equal(fs.existsSync(outDir), false);
    });

    it('`npm run package` builds from env/.env.local plus the environment, and exits 1 naming what is missing', () => {
      const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
      const outDir = tempDir('trustline-pkg-');
      const base = { PATH: process.env.PATH ?? '', TEAMSFX_ENV: 'local' };
      const missing = spawnSync(tsx, ['scripts/packageApp.ts', '--out', outDir], { cwd: root, env: base, encoding: 'utf8' });
      assert.equal(missing.status, 1, missing.stderr);
      assert.match(missing.stderr, /\$\{\{BOT_ID\}\} has no value: set BOT_ID in env\/\.env\.local/);

      const ok = spawnSync(tsx, ['scripts/packageApp.ts', '--out', outDir], { cwd: root, env: { ...base, ...TEST_VALUES }, encoding: 'utf8' });
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /manifest valid \(offline schema check\) for environment "local"/);
      const zipped = JSON.parse(new AdmZip(path.join(outDir, 'appPackage.zip')).readAsText('manifest.json')) as Manifest;
      assert.equal(zipped.id, TEST_VALUES.TEAMS_APP_ID);
    });
  });
});
