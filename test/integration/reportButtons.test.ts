/**
 * Buttons that cannot work where they are shown (issue 9, item 11), over HTTP: the report flow
 * runs in 1:1 chat only, so in a channel or group chat the help card's "Make a report" and the
 * answers' report buttons open a 1:1 chat with the bot (Teams deep link with the bot's id,
 * Action.OpenUrl); with no bot id known (development) they are left out. In 1:1 they start the
 * report in place (Action.Execute).
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness } from '../support/harness';
import { BOT_ID, channelMessage, personalMessage, people } from '../support/activities';
import { validateCard } from '../support/acRenderer';
import { walk } from './reportsSupport';

type Where = 'personal' | 'groupChat' | 'channel';
const LINK = `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(BOT_ID)}`;

interface Button { type: string; title: string; verb?: string; url?: string }
function buttons(card: unknown): Button[] {
  const out: Button[] = [];
  walk(card, (o) => { if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') out.push(o as unknown as Button); });
  return out;
}

describe('buttons that only work in 1:1 chat: personal vs group chat vs channel', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => { h = await startHarness(); });
  after(async () => h?.close());

  /** Sends `text` from `where`; `botId` is the bot's id as Teams gives it (the recipient). */
  async function reply(text: string, where: Where, botId = BOT_ID): Promise<unknown> {
    h.connector.reset();
    let activity: Record<string, unknown> = where === 'personal'
      ? personalMessage(text, { serviceUrl: h.serviceUrl, from: people.teacher })
      : channelMessage(text, { serviceUrl: h.serviceUrl, from: people.teacher });
    if (where === 'groupChat') activity = { ...activity, conversation: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true } };
    if (botId !== BOT_ID) {
      activity = {
        ...activity,
        recipient: { id: botId, name: 'trustline' },
        entities: ((activity.entities ?? []) as { mentioned: object }[]).map((e) => ({ ...e, mentioned: { id: botId, name: 'trustline' } })),
      };
    }
    assert.equal((await h.send(activity)).status, 200);
    const [message] = await h.connector.waitForMessages(1);
    const card = message.attachments?.[0]?.content;
    assert.deepEqual(validateCard(card), []);
    return card;
  }

  const report = (card: unknown) => buttons(card).filter((b) => b.verb === 'report.start' || b.title === 'Make a report' || b.title === 'Report in 1:1 chat');

  it('help in 1:1: "Make a report" starts the report in place', async () => {
    assert.deepEqual(report(await reply('help', 'personal')).map((b) => [b.type, b.title]), [['Action.Execute', 'Make a report']]);
  });

  for (const where of ['groupChat', 'channel'] as const) {
    it(`help in a ${where}: "Make a report" opens a 1:1 chat with the bot`, async () => {
      const found = report(await reply('help', where));
      assert.deepEqual(found.map((b) => [b.type, b.title, b.url]), [['Action.OpenUrl', 'Make a report', LINK]]);
    });

    it(`an answer in a ${where}: the report button opens a 1:1 chat with the bot, under the step's wording`, async () => {
      const card = await reply('a year 6 pupil sent me a follow request on instagram', where);
      assert.deepEqual(report(card).map((b) => [b.type, b.title, b.url]), [['Action.OpenUrl', 'Report in 1:1 chat', LINK]]);
      assert.match(JSON.stringify(card), /Report a pupil connection attempt:/);
    });

    it(`in a ${where} with no bot id known (development), report buttons are left out and the card says where to report`, async () => {
      for (const text of ['help', 'a year 6 pupil sent me a follow request on instagram']) {
        const card = await reply(text, where, 'trustline-dev');
        assert.deepEqual(report(card), [], text);
        assert.equal(buttons(card).filter((b) => b.type === 'Action.OpenUrl').length, 0, text);
        if (text !== 'help') assert.match(JSON.stringify(card), /message trustline \\"report\\" in a 1:1 chat/);
      }
    });
  }

  it('an answer in 1:1: the report button starts the report in place', async () => {
    const card = await reply('a year 6 pupil sent me a follow request on instagram', 'personal');
    assert.deepEqual(report(card).map((b) => [b.type, b.title]), [['Action.Execute', 'Report it']]);
  });
});
