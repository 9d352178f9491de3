import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_KINDS_DIR, KindDefinitionError, loadKinds, parseKind } from '../../../src/domain/reports/kinds';
import { formFields } from '../../../src/domain/reports/fields';
import { SHIPPED_KIND_IDS } from '../../../src/domain/reports/types';

const schools = [{ id: 'cronton', name: 'Cronton CE Primary School' }];

function validKind(): Record<string, unknown> {
  return {
    id: 'test-kind', title: 'Test', summary: 'A test kind.', clauses: ['1.1'], guidance: ['Do this.'], safeguarding: false,
    priority: 'normal', referencePrefix: 'TK', routing: { alsoTrust: false, bypassWhenConcerningTriager: false }, retentionClass: 'media',
    fields: [{ id: 'what', type: 'longtext', label: 'What', required: true }],
  };
}

function problemsOf(raw: unknown): string[] {
  return parseKind(raw, 'x.json', { platforms: [{ value: 'a', title: 'A' }] }).problems;
}

describe('report kinds (reportKinds/*.json)', () => {
  const registry = loadKinds();

  it('ships exactly the six kinds of DESIGN.md §2, each valid', () => {
    assert.deepEqual(registry.list().map((k) => k.id).sort(), [...SHIPPED_KIND_IDS].sort());
  });

  it('gives every kind a distinct reference prefix, guidance and governing clauses', () => {
    const prefixes = registry.list().map((k) => k.referencePrefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const k of registry.list()) {
      assert.ok(k.guidance.length > 0 && k.clauses.length > 0, k.id);
    }
    assert.equal(registry.get('pupil-connection')?.referencePrefix, 'PC');
  });

  it('routes as the design says: media to school and trust; reports that may concern a triager can bypass', () => {
    assert.equal(registry.get('media-contact')?.routing.alsoTrust, true);
    for (const id of ['pupil-connection', 'colleague-abuse', 'pupil-communication']) assert.equal(registry.get(id)?.routing.bypassWhenConcerningTriager, true, id);
    for (const id of ['parent-connection', 'new-account', 'media-contact']) assert.equal(registry.get(id)?.routing.bypassWhenConcerningTriager, false, id);
    assert.equal(registry.get('parent-connection')?.priority, 'normal');
    for (const id of ['pupil-connection', 'media-contact', 'colleague-abuse', 'pupil-communication']) assert.equal(registry.get(id)?.priority, 'high', id);
  });

  it('has the fields the design names', () => {
    const ids = (kind: string) => registry.get(kind)?.fields.map((f) => f.id) ?? [];
    assert.deepEqual(ids('media-contact'), ['outlet', 'journalist', 'contactDetails', 'contactMethod', 'whatAsked', 'deadline', 'anyoneReplied', 'replyDetails', 'postUrl']);
    for (const id of ['direction', 'approached', 'pupilName', 'yearGroup', 'platform', 'whatHappened', 'actionTaken']) assert.ok(ids('pupil-connection').includes(id), id);
    for (const id of ['aim', 'audience', 'promotion', 'runBy', 'visibility']) assert.ok(ids('new-account').includes(id), id);
    const runBy = registry.get('new-account')?.fields.find((f) => f.id === 'runBy');
    assert.equal(runBy?.minItems, 2);
    const pupilName = registry.get('pupil-connection')?.fields.find((f) => f.id === 'pupilName');
    assert.equal(pupilName?.sensitive, true);
  });

  it('puts the common fields on every form (school, when, immediate risk, evidence) except where a kind switches them off', () => {
    for (const kind of registry.list()) {
      const ids = formFields(kind, schools).map((f) => f.id);
      assert.equal(ids[0], 'school', kind.id);
      if (kind.id === 'new-account') {
        assert.ok(!ids.includes('immediateRisk') && !ids.includes('happenedAt'));
      } else {
        for (const id of ['immediateRisk', 'toldDsl', 'happenedAt', 'evidenceHeld']) assert.ok(ids.includes(id), `${kind.id} ${id}`);
      }
      assert.equal(ids.includes('concernsTriager'), kind.routing.bypassWhenConcerningTriager, kind.id);
    }
  });

  it('accepts a well-formed definition', () => {
    assert.deepEqual(problemsOf(validKind()), []);
  });

  it('folds a required field when asked ("essential": false) and keeps it required; a kind can unfold a common field', () => {
    const k = validKind();
    (k.fields as Record<string, unknown>[])[0].essential = false;
    k.common = { happenedAt: { essential: true }, evidenceHeld: { essential: false } };
    const parsed = parseKind(k, 'x.json', {});
    assert.deepEqual(parsed.problems, []);
    assert.ok(parsed.kind);
    const fields = new Map(formFields(parsed.kind, schools).map((f) => [f.id, f]));
    assert.deepEqual([fields.get('what')?.required, fields.get('what')?.essential], [true, false]);
    assert.equal(fields.get('happenedAt')?.essential, undefined, 'unfolded by the kind');
    assert.equal(fields.get('evidenceHeld')?.essential, false);
    assert.equal(fields.get('immediateRisk')?.essential, undefined, 'the risk question is always in the first part');
  });

  const bad: [string, (k: Record<string, unknown>) => void, RegExp][] = [
    ['an unknown field type', (k) => { (k.fields as Record<string, unknown>[])[0].type = 'datetme'; }, /fields\[0\] \("what"\): "type" must be one of text, longtext/],
    ['a typo in a property', (k) => { k.prority = 'high'; }, /unknown property "prority"/],
    ['a missing title', (k) => { delete k.title; }, /"title" is required/],
    ['a bad priority', (k) => { k.priority = 'urgent'; }, /"priority" must be "high" or "normal"/],
    ['a lower-case prefix', (k) => { k.referencePrefix = 'tk'; }, /referencePrefix/],
    ['a reserved field id', (k) => { (k.fields as unknown[]).push({ id: 'school', type: 'text', label: 'S', required: false }); }, /"school" is a common field/],
    ['a repeated field id', (k) => { (k.fields as unknown[]).push({ id: 'what', type: 'text', label: 'W', required: false }); }, /used twice/],
    ['a choice without options', (k) => { (k.fields as unknown[]).push({ id: 'pick', type: 'choice', label: 'P', required: true }); }, /needs options|"options" must list/],
    ['an unknown shared option list', (k) => { (k.fields as unknown[]).push({ id: 'pick', type: 'choice', label: 'P', required: true, options: '@nope' }); }, /no shared option list "@nope"/],
    ['maxLength on a choice', (k) => { (k.fields as unknown[]).push({ id: 'pick', type: 'choice', label: 'P', required: true, options: '@platforms', maxLength: 3 }); }, /"maxLength" applies only/],
    ['a huge maxLength', (k) => { (k.fields as Record<string, unknown>[])[0].maxLength = 100000; }, /"maxLength" must be a whole number from 1 to 8000/],
    ['a bad clause', (k) => { k.clauses = ['seven']; }, /not a clause number/],
    ['an incomplete routing rule', (k) => { k.routing = { alsoTrust: true }; }, /"routing" must be/],
    ['switching off the school', (k) => { k.common = { school: { ask: false } }; }, /"school" cannot be changed/],
    ['a non-boolean essential on a common field', (k) => { k.common = { happenedAt: { essential: 'no' } }; }, /common.happenedAt.essential must be true or false/],
  ];
  for (const [what, change, expected] of bad) {
    it(`refuses ${what} with a message naming the file and the problem`, () => {
      const k = validKind();
      change(k);
      const problems = problemsOf(k);
      assert.ok(problems.some((p) => p.startsWith('x.json: ') && expected.test(p)), problems.join('\n'));
    });
  }

  it('loads a folder and reports every problem in every file at once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinds-'));
    try {
      fs.writeFileSync(path.join(dir, 'test-kind.json'), JSON.stringify(validKind()));
      fs.writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ ...validKind(), id: 'other-kind' }));
      fs.writeFileSync(path.join(dir, 'broken.json'), '{ "id": ');
      assert.throws(() => loadKinds(dir), (err: unknown) => {
        assert.ok(err instanceof KindDefinitionError);
        const text = err.message;
        assert.match(text, /broken\.json: cannot read it as JSON/);
        assert.match(text, /other\.json: the file name must be the kind's id \("other-kind\.json"\)/);
        assert.match(text, /test-kind\.json: referencePrefix "TK" is already used by other\.json/);
        return true;
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets a trust add a kind by adding a file, with no code', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinds-'));
    try {
      for (const f of fs.readdirSync(DEFAULT_KINDS_DIR)) fs.copyFileSync(path.join(DEFAULT_KINDS_DIR, f), path.join(dir, f));
      fs.writeFileSync(path.join(dir, 'test-kind.json'), JSON.stringify(validKind()));
      assert.equal(loadKinds(dir).get('test-kind')?.title, 'Test');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
