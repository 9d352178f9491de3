/**
 * Button titles fit a phone: Teams clips a title wider than the button with no ellipsis
 * ("Report a pupil connection attemp"), so every action title in every card is at most 20
 * characters and longer wording goes in text above the button (issue 9, item 8). Checked over
 * the template files (as written and expanded with their sample data) and over the cards the
 * bot builds at run time: answers and choices for every dev question, help, the report picker.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { CARDS_DIR, renderCard as expandTemplate, templateNames } from '../../src/cards/render';
import { DEFAULT_POLICY } from '../../src/config';
import { Answerer } from '../../src/domain/policy/answerer';
import { decide } from '../../src/domain/policy/decision';
import { loadKnowledgeBase } from '../../src/domain/policy/knowledgeBase';
import { helpCard } from '../../src/teams/handlers/help';
import { decisionActivity } from '../../src/teams/handlers/answers';

export const MAX_BUTTON_TITLE = 20;

/**
 * Every button title in a card (actions, ActionSets, ShowCard sub-cards), with its JSON path.
 * A selectAction's title is never drawn as a button (it is the tap target's tooltip), so it is left out.
 */
export function actionTitles(value: unknown, at = '$'): { at: string; title: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => actionTitles(v, `${at}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const own = typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string' ? [{ at, title: o.title }] : [];
  return [...own, ...Object.entries(o).filter(([k]) => k !== 'selectAction').flatMap(([k, v]) => actionTitles(v, `${at}.${k}`))];
}

const tooLong = (card: unknown): string[] =>
  actionTitles(card).filter((t) => [...t.title].length > MAX_BUTTON_TITLE).map((t) => `${t.at}: "${t.title}" (${[...t.title].length})`);

describe(`button titles are at most ${MAX_BUTTON_TITLE} characters`, () => {
  it('the check finds a long title', () => {
    assert.equal(tooLong({ type: 'AdaptiveCard', actions: [{ type: 'Action.Execute', title: 'Report a pupil connection attempt' }] }).length, 1);
    assert.equal(tooLong({ body: [{ type: 'ActionSet', actions: [{ type: 'Action.ShowCard', title: 'x', card: { actions: [{ type: 'Action.Submit', title: 'y'.repeat(21) }] } }] }] }).length, 1);
  });

  for (const name of templateNames()) {
    it(`${name}.json, as written and with its sample data`, () => {
      const raw = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as unknown;
      // A title that is all template expression is checked once expanded.
      assert.deepEqual(tooLong(raw).filter((t) => !/\$\{/.test(t)), []);
      const sample = path.join(CARDS_DIR, 'samples', `${name}.data.json`);
      const data = fs.existsSync(sample) ? JSON.parse(fs.readFileSync(sample, 'utf8')) as object : {};
      assert.deepEqual(tooLong(expandTemplate(name, data)), []);
    });
  }

  it('the help card, personal and channel', () => {
    assert.deepEqual(tooLong(helpCard('personal')), []);
    assert.deepEqual(tooLong(helpCard('channel')), []);
  });

  it('every answer, choice and not-covered card for the dev questions (with report buttons)', async function () {
    this.timeout(60_000);
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    const answerer = new Answerer(kb);
    const { questions } = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/questions.dev.json'), 'utf8')) as { questions: { q: string }[] };
    const problems: string[] = [];
    let withReport = 0;
    for (const { q } of questions) {
      const activity = decisionActivity(decide(answerer, q), kb, { personal: true });
      const card = activity.attachments?.[0]?.content as unknown;
      if (JSON.stringify(card).includes('report.start')) withReport++;
      problems.push(...tooLong(card).map((p) => `${q}: ${p}`));
    }
    assert.ok(withReport > 10, `report buttons were shown on ${withReport} cards`);
    assert.deepEqual(problems, []);
  });
});
