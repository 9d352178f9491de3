import { strict as assert } from 'node:assert';
import '../../src/server/quietHttpParserWarning';
import restify from 'restify';
import { jsonFormatters, shareJson, sharedJsonBytes } from '../../src/server/sharedJson';
import { inertTextFunctions, sealTreated } from '../../src/cards/render';

/** What restify's JSON formatter sends for `body`: JSON.stringify's bytes. */
const restifyBytes = (body: unknown) => Buffer.from(JSON.stringify(body), 'utf8');

describe('shared JSON parts (server/sharedJson.ts)', () => {
  const card = () => ({
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '7.6.15 “Pupils” — don’t … \u{1F600} \ud800 é', wrap: true, maxLines: undefined }] },
    preview: { contentType: 'application/vnd.microsoft.card.thumbnail', content: { title: '7.6.15 · Pupils', text: 'x', images: undefined, buttons: [] } },
  });

  it('sends exactly JSON.stringify(body) with shared parts anywhere, among values JSON leaves out or turns to null', () => {
    const a = shareJson(card());
    const b = shareJson({ ...card(), n: [1.5, -0, 1e21, NaN, Infinity, null, true] });
    const sparse: unknown[] = [a];
    sparse[3] = b;
    const bodies: unknown[] = [
      { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [a, b, a] } },
      { composeExtension: { type: 'result', attachments: [a, undefined, () => 1, Symbol('s'), b], skip: undefined, fn: () => 1 } },
      [a, { deeper: [b, { '': a, '\u2028key"': 'v\n' }] }],
      sparse,
      Object.assign(Object.create(null) as object, { x: a, 2: 'two', 1: 'one' }),
      { before: 'ö', a, after: '\ud83d' },
    ];
    for (const body of bodies) {
      const bytes = sharedJsonBytes(body);
      assert.ok(bytes, 'has shared parts');
      assert.deepEqual(bytes, restifyBytes(body));
    }
  });

  it('leaves a body without shared parts, or with values that are not plain data, to restify', () => {
    const a = shareJson(card());
    assert.equal(sharedJsonBytes({ composeExtension: { attachments: [card()] } }), undefined);
    assert.equal(sharedJsonBytes({ at: new Date(0), a }), undefined, 'toJSON');
    assert.equal(sharedJsonBytes({ m: new Map(), a }), undefined, 'class instance');
    assert.equal(sharedJsonBytes('text'), undefined);
    assert.equal(sharedJsonBytes(undefined), undefined);
    // Too deep to look for shared parts: stringified as a whole, as before.
    assert.equal(sharedJsonBytes({ x: { y: { z: { w: { a } } } } }), undefined);
  });

  it('replaces restify\'s JSON formatter under its own key (content negotiation unchanged)', () => {
    const formatters = jsonFormatters(restify.formatters);
    assert.deepEqual(Object.keys(formatters ?? {}), ['application/json; q=0.4']);
    assert.ok(Object.keys(restify.formatters).includes('application/json; q=0.4'));
  });

  it('freezes a shared part, so its kept JSON cannot go stale', () => {
    const a = shareJson(card());
    assert.throws(() => { (a.content.body[0] as { text: string }).text = 'changed'; }, TypeError);
    assert.throws(() => { (a.preview.content.buttons as unknown[]).push(1); }, TypeError);
    assert.deepEqual(sharedJsonBytes([a]), restifyBytes([card()]));
  });

  it('a sealed part is treated once; the guard then leaves it (and only it) as it is', () => {
    const raw = () => ({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'see {{DATE(2020-01-01T00:00:00Z)}}' }] });
    const sealed = sealTreated(raw());
    const treated = inertTextFunctions(raw());
    assert.deepEqual(sealed, treated);
    assert.ok(Object.isFrozen(sealed.body[0]));
    assert.doesNotThrow(() => inertTextFunctions({ type: 'invokeResponse', value: { body: { attachments: [sealed] } } }));
    assert.deepEqual(sealed, treated);
    // Anything around it is still treated.
    const around = inertTextFunctions({ value: { attachments: [sealed, raw()] } });
    assert.deepEqual(around.value.attachments[1], treated);
  });
});
