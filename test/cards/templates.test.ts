/**
 * Every Adaptive Card template shipped in adaptiveCards/ renders in the official renderer
 * under Teams' settings, at a version Teams supports, once expanded with its sample data
 * (adaptiveCards/samples/<name>.data.json when there is one, else `{}`).
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { CARDS_DIR, renderCard as expandTemplate, templateNames } from '../../src/cards/render';
import { helpCard } from '../../src/teams/handlers/help';
import { MAX_TEAMS_CARD_VERSION, renderCard, validateCard } from '../support/acRenderer';

const SAMPLES_DIR = path.join(CARDS_DIR, 'samples');

function sampleData(name: string): { data: object; fromFile: boolean } {
  const file = path.join(SAMPLES_DIR, `${name}.data.json`);
  if (!fs.existsSync(file)) return { data: {}, fromFile: false };
  return { data: JSON.parse(fs.readFileSync(file, 'utf8')) as object, fromFile: true };
}

/** Template expressions the expansion left in place, e.g. `${name}` with no `name` in the data. */
function leftoverExpressions(value: unknown, at = '$'): string[] {
  if (typeof value === 'string') return /\$\{[^}]*\}/.test(value) ? [`${at}: ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => leftoverExpressions(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leftoverExpressions(v, `${at}.${k}`));
  return [];
}

describe('Adaptive Card templates (adaptiveCards/*.json)', () => {
  const names = templateNames();

  it('there is at least one template to check', () => {
    assert.ok(names.includes('help'), `templates found: ${names.join(', ')}`);
  });

  for (const name of names) {
    describe(name, () => {
      it(`is an AdaptiveCard of version <= ${MAX_TEAMS_CARD_VERSION}`, () => {
        const template = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as { type?: unknown; version?: unknown };
        assert.equal(template.type, 'AdaptiveCard');
        assert.equal(typeof template.version, 'string');
        const [major, minor] = String(template.version).split('.').map(Number);
        assert.ok(major === 1 && minor <= 5, `version ${String(template.version)}`);
      });

      it('expands with its sample data and parses, validates and renders without errors', () => {
        const { data, fromFile } = sampleData(name);
        const card = expandTemplate(name, data);
        assert.deepEqual(validateCard(card), [], fromFile ? undefined
          : `expanded with {} (no adaptiveCards/samples/${name}.data.json): add sample data if an expression fills a typed property`);
        if (fromFile) assert.deepEqual(leftoverExpressions(card), [], 'the sample data should fill every expression');
      });
    });
  }

  it('every sample data file belongs to a template', () => {
    if (!fs.existsSync(SAMPLES_DIR)) return;
    const orphans = fs.readdirSync(SAMPLES_DIR)
      .filter((f) => f.endsWith('.data.json'))
      .map((f) => f.slice(0, -'.data.json'.length))
      .filter((n) => !names.includes(n));
    assert.deepEqual(orphans, []);
  });
});

describe('cards the bot builds at run time', () => {
  for (const scope of ['personal', 'channel'] as const) {
    it(`the ${scope} help card renders and names trustline and its commands`, () => {
      const { errors, text } = renderCard(helpCard(scope));
      assert.deepEqual(errors, []);
      assert.match(text, /trustline/);
      assert.match(text, scope === 'personal' ? /my reports/ : /open alerts/);
      assert.match(text, /call 999/);
    });
  }
});
