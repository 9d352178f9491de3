/** The renderer-based card check must catch what Teams would refuse or show wrongly. */
import { strict as assert } from 'node:assert';
import { renderCard, validateCard } from '../support/acRenderer';

const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'AdaptiveCard', version: '1.5', body, ...extra });

describe('validateCard (official adaptivecards renderer over jsdom)', () => {
  it('accepts a plain Teams card and renders its text', () => {
    const result = renderCard(card(
      [{ type: 'TextBlock', text: 'Report filed', wrap: true }, { type: 'Input.Text', id: 'note', label: 'Note' }],
      { actions: [{ type: 'Action.Execute', title: 'Acknowledge', verb: 'alert.ack' }] },
    ));
    assert.deepEqual(result.errors, []);
    assert.equal(result.text, 'Report filedNoteAcknowledge');
  });

  it('refuses a version above 1.5', () => {
    assert.match(validateCard({ ...card([]), version: '1.6' }).join('\n'), /version 1\.6 is above 1\.5/);
  });

  it('refuses something that is not an Adaptive Card', () => {
    assert.ok(validateCard({ type: 'HeroCard' }).some((e) => /type must be "AdaptiveCard"/.test(e)));
    assert.deepEqual(validateCard([]), ['the card is not a JSON object']);
  });

  it('reports unknown element types, invalid values, duplicate ids and unlabelled required inputs', () => {
    const errors = validateCard(card([
      { type: 'Txtblock', text: 'typo' },
      { type: 'TextBlock', text: 'x', weight: 'Boldest' },
      { type: 'Input.Text', id: 'a' },
      { type: 'Input.Text', id: 'a', isRequired: true },
    ])).join('\n');
    assert.match(errors, /UnknownElementType/);
    assert.match(errors, /Invalid value "Boldest"/);
    assert.match(errors, /Duplicate Id "a"/);
    assert.match(errors, /RequiredInputsShouldHaveLabel/);
  });

  it('reports more top-level actions than Teams shows (six)', () => {
    const actions = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'Action.Execute', title: `a${i}`, verb: 'v' }));
    assert.deepEqual(validateCard(card([], { actions: actions(6) })), []);
    assert.match(validateCard(card([], { actions: actions(7) })).join('\n'), /TooManyActions/);
  });

  it('leaves no browser globals behind for other tests in the same process', () => {
    validateCard(card([{ type: 'Media', sources: [{ url: 'https://example.org/v.mp4', mimeType: 'video/mp4' }] }]));
    const g = globalThis as Record<string, unknown>;
    assert.equal(g.document, undefined);
    assert.equal(g.window, undefined);
    assert.equal(g.HTMLElement, undefined);
  });
});
