/**
 * The compiled expansion (src/cards/compiledTemplate.ts) gives exactly what adaptivecards-templating's
 * own `expand` gives: the same JSON, the same `undefined`s, the same failures, on every shipped
 * template with its sample data and with altered data (keys in other case, nulls, numbers, empty
 * and missing values), and on a template made to hit the engine's edge rules.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import * as AEL from 'adaptive-expressions';
import { compile } from '../../src/cards/compiledTemplate';
import { CARDS_DIR, templateNames } from '../../src/cards/render';

type Outcome = { ok: true; json: string; value: unknown } | { ok: false };

function outcome(f: () => unknown): Outcome {
  try {
    const value = f();
    return { ok: true, json: JSON.stringify(value), value };
  } catch {
    return { ok: false };
  }
}

/** The engine's expansion and the compiled one of a payload, each from its own parse. */
function both(payload: object): { engine: ACData.Template; compiled: (data: unknown) => unknown } {
  const compiled = compile(new ACData.Template(payload), ACData, AEL);
  assert.ok(compiled, 'the pinned engine compiles');
  return { engine: new ACData.Template(payload), compiled };
}

function assertSame(t: ReturnType<typeof both>, data: unknown, label: string): void {
  const { engine, compiled } = t;
  const want = outcome(() => engine.expand({ $root: data }));
  const got = outcome(() => compiled(data));
  assert.equal(got.ok, want.ok, `${label}: ${want.ok ? 'the engine expands it' : 'the engine throws'}`);
  if (got.ok && want.ok) {
    assert.equal(got.json, want.json, label);
    assert.deepStrictEqual(got.value, want.value, label);
  }
}

/** Variants of sample data: each key in turn null, a number, upper-cased, an empty array or string; all keys upper-cased. */
function variants(data: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [['sample', data], ['{}', {}], ['undefined', undefined], ['a string', 'text']];
  const upper = Object.fromEntries(Object.entries(data).map(([k, v]) => [k.toUpperCase(), v]));
  out.push(['keys upper-cased', upper]);
  for (const k of Object.keys(data)) {
    for (const [what, v] of [['null', null], ['0', 0], ['7', 7], ['[]', []], ["''", ''], ['true', true], ['{}', {}]] as const) {
      out.push([`${k} = ${what}`, { ...data, [k]: v }]);
    }
    const { [k]: _dropped, ...rest } = data;
    out.push([`no ${k}`, rest]);
    out.push([`${k} duplicated in other case, first`, { [k.toUpperCase()]: 'SHOUT', ...data }]);
  }
  return out;
}

describe('compiled card templates (src/cards/compiledTemplate.ts)', () => {
  for (const name of templateNames()) {
    it(`${name}: the same expansion as the engine, with its sample data and variants of it`, () => {
      const payload = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as object;
      const file = path.join(CARDS_DIR, 'samples', `${name}.data.json`);
      const data = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> : {};
      const t = both(payload);
      for (const [label, d] of variants(data)) assertSame(t, d, `${name}, ${label}`);
    });
  }

  it('follows the engine on $data, $when, $index, $root, concatenation and functions', () => {
    const payload = {
      type: 'AdaptiveCard',
      version: '1.5',
      title: '${title}',
      mixed: 'a ${title} b ${count(items)} c',
      joined: '${first}${second}',
      nested: '${person.name.given} / ${person.missing.deep}',
      root: '${$root.title}',
      element: '${items[0].label}',
      literalWhenFalse: { $when: false, kept: true },
      literalWhenText: { $when: 'yes', kept: true },
      nonBoolean: { $when: '${title}', kept: true },
      body: [
        { $data: '${items}', type: 'TextBlock', text: '${label} #${$index} of ${$root.title}', flag: '${flag}', inner: [{ $data: '${tags}', tag: '${$data}', at: '${$index}' }] },
        { $data: '${missing}', type: 'Gone' },
        { $data: '${title}', type: 'FromString', text: '${length}' },
        { $data: [{ label: 'x' }, null, { label: 'z' }], type: 'Literal', text: '${label}' },
        { $when: "${flag != ''}", type: 'Conditional' },
        '${items}',
        '${nothing}',
        null,
      ],
      map: '${lookup.key}',
    };
    const data = {
      title: 'T', Title: 'other case, second', first: 1, second: true,
      person: { Name: { given: 'Ann' } },
      items: [{ label: 'a', flag: '', tags: ['t1', 't2'] }, { LABEL: 'b', flag: 'f', tags: [] }, undefined, { label: null }],
      lookup: new Map([['KEY', 'from map']]),
    };
    const t = both(payload);
    assertSame(t, data, 'edge template');
    assertSame(t, { ...data, items: [] }, 'edge template, no items');
    assertSame(t, {}, 'edge template, no data');
  });

  it('uses the engine when its substitution hook is set', () => {
    const payload = { type: 'AdaptiveCard', text: '${missing} and ${title}' };
    try {
      ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = () => '<none>';
      assertSame(both(payload), { title: 'T' }, 'with the hook');
      const compiled = compile(new ACData.Template(payload), ACData, AEL);
      assert.deepEqual(compiled?.({ title: 'T' }), { type: 'AdaptiveCard', text: '<none> and T' });
    } finally {
      ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = undefined;
    }
  });
});
