/**
 * The report form asks what is needed first (who, which platform, what happened, the risk) and
 * folds the rest ("essential": false in reportKinds/*.json, and the common school, DSL, when,
 * evidence and "concerns a triager" questions) under "More details" (issue 9, item 10), pressed
 * in the official renderer: folded on a new form, Show/Hide open and close it, a heading that
 * says truthfully whether anything there is required, and a form coming back with an error (or
 * an answer the form did not start with) in the folded part has it open.
 */
import { strict as assert } from 'node:assert';
import { formCard } from '../../src/teams/handlers/reportsCards';
import { formFields } from '../../src/domain/reports/fields';
import { loadKinds } from '../../src/domain/reports/kinds';
import { renderLive, validateCard } from '../support/acRenderer';
import { cardText, inputs } from '../integration/reportsSupport';

const kinds = loadKinds();
const SCHOOLS = [{ id: 'cronton', name: 'Cronton CE Primary School' }, { id: 'beacon', name: 'The Beacon CE Primary School' }];

function form(kindId: string, values: Record<string, string> = {}, errors: Record<string, string> = {}, initial: Record<string, string> = {}) {
  const kind = kinds.get(kindId);
  assert.ok(kind);
  return formCard({ kind, fields: formFields(kind, SCHOOLS), values, errors, initial, submissionId: 's1', draftKey: 'd1', timeZone: 'Europe/London' });
}

/** Input ids in the first part and in the folded part, in form order. */
function parts(card: unknown): { first: string[]; folded: string[] } {
  const ids = (node: unknown, out: string[] = []): string[] => {
    if (Array.isArray(node)) node.forEach((n) => ids(n, out));
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === 'more-details') return out;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string' && !o.id.endsWith('__time')) out.push(o.id);
      Object.values(o).forEach((v) => ids(v, out));
    }
    return out;
  };
  let folded: string[] = [];
  const find = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(find);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === 'more-details') folded = ids(o.items);
      else Object.values(o).forEach(find);
    }
  };
  find(card);
  return { first: ids(card), folded };
}

describe('report form: "More details" (official renderer)', () => {
  it('every shipped kind validates, and every safeguarding form asks the risk question first and folds the school, when and evidence', () => {
    for (const kind of kinds.list()) {
      const card = form(kind.id);
      assert.deepEqual(validateCard(card), [], kind.id);
      const { first, folded } = parts(card);
      if (kind.common.immediateRisk?.ask !== false) assert.equal(first[0], 'immediateRisk', kind.id);
      assert.equal(folded[0], 'school', kind.id);
      assert.ok(!first.includes('school') && !first.includes('evidenceHeld') && !first.includes('happenedAt'), `${kind.id}: ${first.join(', ')}`);
      assert.equal(new Set([...first, ...folded]).size, formFields(kind, SCHOOLS).length, `${kind.id}: every field asked once`);
    }
  });

  it('a pupil connection attempt shows first who, which platform, what happened and the risk; the rest is folded', () => {
    const { first, folded } = parts(form('pupil-connection'));
    assert.deepEqual(first, ['immediateRisk', 'direction', 'pupilName', 'yearGroup', 'platform', 'whatHappened']);
    assert.deepEqual(folded, ['school', 'toldDsl', 'happenedAt', 'approached', 'profileName', 'actionTaken', 'evidenceHeld', 'concernsTriager']);
  });

  it('the heading says "(optional)" only when nothing folded is required, and how many required answers are still empty', () => {
    const text = cardText(form('pupil-connection', { concernsTriager: 'no' }));
    assert.match(text, /^More details$/m);
    assert.match(text, /5 more answers needed; 2 optional\./, 'school, when, who was approached, what has been done, evidence (concernsTriager has its default)');
    assert.match(text, /About the headteacher or the DSL\? Say so there\./, 'the folded question that decides who reads it is pointed to');
    const filled = cardText(form('pupil-connection', { school: 'cronton', happenedAt: '2026-11-24', approached: 'Me', actionTaken: 'declined', evidenceHeld: 'yes', concernsTriager: 'no' }));
    assert.match(filled, /All needed answers given; 2 optional\./);
    // A kind whose folded part is all optional says so (a test kind: the shipped ones all fold the school).
    const kind = kinds.get('media-contact');
    assert.ok(kind);
    const optionalOnly = formCard({ kind, fields: kind.fields.filter((f) => !f.required), values: {}, submissionId: 's1', draftKey: 'd1', timeZone: 'Europe/London' });
    assert.match(cardText(optionalOnly), /More details \(optional\)/);
  });

  it('a new form has the folded part closed, even with a remembered school and defaults; Show opens it and becomes Hide; Hide closes it', () => {
    const start = { school: 'cronton', concernsTriager: 'no' };
    const card = renderLive(form('pupil-connection', start, {}, start));
    assert.equal(card.isVisible('more-details'), false);
    assert.equal(card.isVisible('more-show'), true);
    assert.equal(card.isVisible('more-hide'), false);
    card.click('Show');
    assert.equal(card.isVisible('more-details'), true);
    assert.deepEqual([card.isVisible('more-show'), card.isVisible('more-hide')], [false, true]);
    card.click('Hide');
    assert.equal(card.isVisible('more-details'), false);
  });

  it('a required folded answer left empty comes back with the part open, the error under it, and what was typed kept', () => {
    const json = form('pupil-connection', { pupilName: 'Sam', approached: '' }, { approached: 'This is required.', happenedAt: 'This is required.' });
    const card = renderLive(json);
    assert.equal(card.isVisible('more-details'), true);
    assert.equal(card.isVisible('more-hide'), true);
    assert.equal(inputs(json).pupilName, 'Sam');
    assert.match(cardText(json), /2 answers need changing/);
  });

  it('an answer the form did not start with opens the folded part (a changed school, a typed handle); an error only in the first part leaves it closed', () => {
    const start = { school: 'cronton', concernsTriager: 'no' };
    assert.equal(renderLive(form('pupil-connection', { ...start, school: 'beacon' }, {}, start)).isVisible('more-details'), true);
    assert.equal(renderLive(form('pupil-connection', { ...start, profileName: 'x' }, {}, start)).isVisible('more-details'), true);
    assert.equal(renderLive(form('pupil-connection', start, { pupilName: 'This is required.' }, start)).isVisible('more-details'), false);
  });
});
