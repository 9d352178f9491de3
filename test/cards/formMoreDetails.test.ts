/**
 * The report form asks what is needed first and folds the optional rest ("essential": false in
 * reportKinds/*.json) under "More details (optional)" (issue 9, item 10), pressed in the
 * official renderer: folded on a new form, Show/Hide open and close it, and a form coming back
 * with an error (or an answer) in the folded part has it open.
 */
import { strict as assert } from 'node:assert';
import { formCard } from '../../src/teams/handlers/reportsCards';
import { formFields } from '../../src/domain/reports/fields';
import { loadKinds } from '../../src/domain/reports/kinds';
import { renderLive, validateCard } from '../support/acRenderer';

const kinds = loadKinds();
const SCHOOLS = [{ id: 'cronton', name: 'Cronton CE Primary School' }];

function form(kindId: string, values: Record<string, string> = {}, errors: Record<string, string> = {}) {
  const kind = kinds.get(kindId);
  assert.ok(kind);
  return formCard({ kind, fields: formFields(kind, SCHOOLS), values, errors, submissionId: 's1', draftKey: 'd1', timeZone: 'Europe/London' });
}

describe('report form: "More details (optional)" (official renderer)', () => {
  it('every shipped kind folds only optional fields, and its form validates', () => {
    for (const kind of kinds.list()) {
      for (const f of kind.fields) if (f.essential === false) assert.equal(f.required, false, `${kind.id}.${f.id}`);
      assert.deepEqual(validateCard(form(kind.id)), [], kind.id);
    }
    assert.ok(kinds.list().some((k) => k.fields.some((f) => f.essential === false)));
  });

  it('a new form has the folded part closed; Show opens it and becomes Hide; Hide closes it', () => {
    const card = renderLive(form('media-contact'));
    assert.equal(card.isVisible('more-details'), false);
    assert.equal(card.isVisible('more-show'), true);
    assert.equal(card.isVisible('more-hide'), false);
    card.click('Show');
    assert.equal(card.isVisible('more-details'), true);
    assert.deepEqual([card.isVisible('more-show'), card.isVisible('more-hide')], [false, true]);
    card.click('Hide');
    assert.equal(card.isVisible('more-details'), false);
  });

  it('an error in the folded part opens it, with the error and what was typed', () => {
    const json = form('media-contact', { postUrl: 'not a link' }, { postUrl: 'Give a web address' });
    const card = renderLive(json);
    assert.equal(card.isVisible('more-details'), true);
    assert.equal(card.isVisible('more-hide'), true);
    assert.match(JSON.stringify(json), /"value":"not a link"/);
    assert.match(JSON.stringify(json), /Give a web address/);
  });

  it('an error only in the essential part leaves the folded part closed', () => {
    assert.equal(renderLive(form('media-contact', {}, { outlet: 'Say who' })).isVisible('more-details'), false);
  });
});
