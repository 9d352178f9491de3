/**
 * What the reporter is told matches where the alert goes, and someone is always told, over HTTP
 * on SQLite and Azurite (issue 9, items 2 and 3):
 * - nothing linked: the confirmation says so, and the trust's named people get it 1:1 (detail-free
 *   card, details on demand for them);
 * - no school channel, trust channel linked: "sent to the trust instead";
 * - media contact: the school's copy and the trust's are delivered each on its own: a missing
 *   trust channel never holds back the school's alert, and a failing school channel never holds
 *   back the trust's.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness, STORAGE_BACKENDS } from '../support/harness';
import { actionExecute, people, Persona, personalConversation } from '../support/activities';
import { validateCard } from '../support/acRenderer';
import { actionData, Card, cardText, invokeCard, validAnswers, PUPIL } from './reportsSupport';
import {
  CHANNELS, alertsFor, chair, link, messagesIn, routingEnv, teamMembers, waitForAlerts, writeDirectory,
} from './routingSupport';
import { triageOf } from '../../src/domain/triage/state';
import { pending } from '../../src/domain/outbox/outbox';

type Body = { statusCode: number; type: string; value: unknown };
const UNTRUE = /has gone to your headteacher|being sent to your school's alerts channel/;

for (const storage of STORAGE_BACKENDS) {
  describe(`truthful confirmations and independent destinations (${storage})`, function () {
    this.timeout(60_000);
    let h: Harness;

    before(async () => {
      h = await startHarness({ storage, env: routingEnv(writeDirectory()) });
      teamMembers(h.connector);
    });
    after(async () => h?.close());

    async function exec(verb: string, data: Record<string, unknown>, from: Persona): Promise<Body> {
      const res = await h.send<Body>(actionExecute(verb, data, { serviceUrl: h.serviceUrl, from }));
      assert.equal(res.status, 200, `${verb}: HTTP ${res.status}`);
      return res.body;
    }
    /** Files a report in 1:1 chat and returns its reference, the confirmation's text and the submit data (to press it again). */
    async function file(kindId: string, school = 'cronton', from = people.teacher): Promise<{ ref: string; text: string; review: string; submit: Record<string, unknown> }> {
      const form = invokeCard((await exec('report.start', { kind: kindId, via: 'picker' }, from)));
      const review = invokeCard(await exec('report.review', { ...actionData(form, 'report.review'), ...validAnswers(kindId), school }, from));
      const submit = actionData(review, 'report.submit');
      const card = invokeCard(await exec('report.submit', submit, from));
      assert.deepEqual(validateCard(card), [], 'the confirmation renders');
      const text = cardText(card);
      const ref = /([A-Z]{2}-2026-\d{4})/.exec(text)?.[1];
      assert.ok(ref, text);
      return { ref, text, review: cardText(review), submit };
    }
    /** The copies recorded on the report, once `n` are (a post is recorded just after the Connector answers). */
    async function recorded(ref: string, n: number): Promise<string[]> {
      const ids = async () => triageOf((await h.bot.services.routing.reports.get(ref))!.report).alerts.map((c) => c.id).sort();
      for (let i = 0; i < 200 && (await ids()).length < n; i++) await new Promise((r) => setTimeout(r, 20));
      return ids();
    }

    it('with nothing linked, says so and tells the trust\'s named people 1:1', async () => {
      const { ref, text, review, submit } = await file('pupil-connection');
      assert.match(review, /Submitting sends this to the trust's named safeguarding lead, because your school's alerts channel is not set up yet/);
      assert.doesNotMatch(review, /sends this to your (headteacher|school)/, 'the review does not promise the headteacher either');
      assert.match(text, /Your school's alerts channel is not set up yet, so the trust's named safeguarding lead is being told instead/);
      assert.doesNotMatch(text, UNTRUE);

      const alerts = await waitForAlerts(h.connector, ref, 2);
      assert.ok(alerts.every((a) => a.channelId === undefined), 'both 1:1, no channel');
      assert.deepEqual(await recorded(ref, 2), [`person:${chair.aadObjectId}`, `person:${people.trustDsl.aadObjectId}`].sort());
      for (const a of alerts) {
        assert.deepEqual(validateCard(a.card), []);
        assert.match(JSON.stringify(a.card), /Neither Cronton CE Primary School's alerts channel nor the trust channel is linked/);
        assert.doesNotMatch(JSON.stringify(a.activity), new RegExp(PUPIL), 'detail-free');
      }
      const view = await exec('triage.open', { ref }, people.trustDsl);
      assert.equal(view.type, 'application/vnd.microsoft.card.adaptive', 'the trust DSL may open it');
      assert.match(cardText(view.value as Card), new RegExp(PUPIL));

      // The trust DSL acknowledges: the reporter hears it was the trust, not the school.
      const ack = await exec('triage.acknowledge', { ref }, people.trustDsl);
      assert.equal(ack.type, 'application/vnd.microsoft.card.adaptive');
      const chat = personalConversation(people.teacher).id;
      await h.connector.waitFor(() => messagesIn(h.connector, chat).some((m) => String(m.text).includes(`${ref} (Pupil connection attempt) has been acknowledged`)), 8_000, 'the acknowledgement notice');
      assert.match(String(messagesIn(h.connector, chat).find((m) => String(m.text).includes(`${ref} (`))?.text), /acknowledged by the trust\./);

      // Asked again once delivered, the confirmation says it has been done.
      const again = cardText(invokeCard(await exec('report.submit', submit, people.teacher)));
      assert.match(again, /already filed[\s\S]*the trust's named safeguarding lead has been told instead/);
    });

    it('sends media contact to the school at once while the trust channel is missing, and to the trust once it is linked', async () => {
      await link(h, 'cronton');
      const { ref, text, review } = await file('media-contact');
      assert.match(review, /Submitting sends this to your school's alerts channel \(your headteacher and named safeguarding staff\) \(and the trust's central team once its channel is set up\)/);
      const [school] = await waitForAlerts(h.connector, ref, 1);
      assert.equal(school.channelId, CHANNELS.cronton.channelId, 'the school\'s copy did not wait for the trust');
      assert.deepEqual(await recorded(ref, 1), ['school']);
      assert.ok((await pending(h.bot.services.store)).some((e) => e.work.type === 'report.filed' && 'ref' in e.work && e.work.ref === ref), 'the trust\'s copy is kept, waiting');
      assert.match(text, /It is being sent to your school's alerts channel/);
      assert.match(text, /The trust's channel is not set up yet/);

      await link(h, 'trust');
      const both = await waitForAlerts(h.connector, ref, 2);
      assert.ok(both.some((a) => a.channelId === CHANNELS.trust.channelId), 'the trust\'s copy arrives once the channel is linked');
      assert.equal(alertsFor(h.connector, ref).filter((a) => a.channelId === CHANNELS.cronton.channelId).length, 1, 'the school got it once');
    });

    it('with no school channel but a trust channel, says the trust has it instead', async () => {
      const { ref, text } = await file('parent-connection', 'beacon', people.otherTeacher);
      assert.match(text, /Your school's alerts channel is not set up yet, so it is being sent to the trust's safeguarding team instead/);
      assert.doesNotMatch(text, UNTRUE);
      const [alert] = await waitForAlerts(h.connector, ref);
      assert.equal(alert.channelId, CHANNELS.trust.channelId);
    });

    it('posts media contact to the trust while the school channel is failing, and to the school once it recovers', async () => {
      const isSchoolPost = (r: { method: string; path: string; body: unknown }) => r.method === 'POST' && r.path.replace(/\/$/, '') === '/v3/conversations'
        && (r.body as { channelData?: { channel?: { id?: string } } })?.channelData?.channel?.id === CHANNELS.cronton.channelId;
      h.connector.failNextWhere(isSchoolPost, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
      const { ref, text } = await file('media-contact');
      await waitForAlerts(h.connector, ref, 2, 15_000);
      const posts = h.connector.requests.filter((r) => isSchoolPost(r) || (r.method === 'POST' && (r.body as { channelData?: { channel?: { id?: string } } })?.channelData?.channel?.id === CHANNELS.trust.channelId && JSON.stringify(r.body).includes(ref)));
      const trustAt = posts.findIndex((r) => !isSchoolPost(r));
      const schoolOkAt = posts.findIndex((r) => isSchoolPost(r) && r.status < 300 && JSON.stringify(r.body).includes(ref));
      assert.ok(trustAt >= 0 && schoolOkAt > trustAt, `the trust's copy (${trustAt}) went before the school's first success (${schoolOkAt})`);
      assert.deepEqual(await recorded(ref, 2), ['school', 'trust']);
      assert.match(text, /It is being sent to your school's alerts channel[\s\S]*to the trust's central team too/);
    });
  });
}
