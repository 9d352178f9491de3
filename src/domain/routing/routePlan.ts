/**
 * Where a report's alert goes, decided once from the report and what the directory has linked,
 * and said to the reporter in the same terms, so the confirmation never promises a delivery
 * the worker will not make (DESIGN.md §2: "says truthfully where the report is").
 *
 * - concerns a school triager: 1:1 to the trust's named people (none named: the trust channel);
 * - otherwise the school's alerts channel; none linked: the trust channel; neither linked: 1:1
 *   to the trust's named people (someone is always told while anyone is configured);
 * - "also trust" kinds (media contact) go to the trust channel too, as a destination of their
 *   own: a missing trust channel parks that copy only, never the school's.
 * A destination whose channel is missing (`channel` undefined) is parked and retried by the
 * outbox until a trust admin links it.
 */
import type { ChannelRef, Directory, NamedPerson } from '../directory/directory';
import type { Report } from '../reports/types';
import type { CopyFlag } from '../triage/state';
import { isBypassed } from '../triage/permissions';
import { triageOf } from '../triage/state';

export type Destination =
  | { id: string; where: 'school'; flag?: CopyFlag; channel: ChannelRef }
  | { id: string; where: 'trust'; flag?: CopyFlag; channel?: ChannelRef }
  | { id: string; where: 'person'; flag: CopyFlag; aadObjectId: string };

/** What is linked right now, as the planner needs it. */
export interface RouteFacts {
  schoolChannel?: ChannelRef;
  trustChannel?: ChannelRef;
  /** The trust's named people who get reports 1:1 (trust DSL and chair, or all named people). */
  namedPeople: NamedPerson[];
}

export type RoutedReport = Pick<Report, 'concernsTriager' | 'routing' | 'triage'>;

const toPeople = (people: NamedPerson[], flag: CopyFlag): Destination[] =>
  people.map((p) => ({ id: `person:${p.aadObjectId}`, where: 'person', flag, aadObjectId: p.aadObjectId }));

/** The destinations, in order. */
export function planRoute(report: RoutedReport, facts: RouteFacts): Destination[] {
  if (isBypassed(report)) {
    if (facts.namedPeople.length) return toPeople(facts.namedPeople, 'concerns-triager');
    return [{ id: 'trust', where: 'trust', flag: 'person-unreachable', channel: facts.trustChannel }];
  }
  const out: Destination[] = [];
  if (facts.schoolChannel) out.push({ id: 'school', where: 'school', channel: facts.schoolChannel });
  else if (facts.trustChannel || !facts.namedPeople.length) out.push({ id: 'trust', where: 'trust', flag: 'no-school-channel', channel: facts.trustChannel });
  else out.push(...toPeople(facts.namedPeople, 'nothing-linked'));
  if (report.routing.alsoTrust && !out.some((d) => d.where !== 'school')) out.push({ id: 'trust', where: 'trust', flag: 'also-trust', channel: facts.trustChannel });
  return out;
}

/**
 * The reporter's sentence for where the report is: "has gone" only for destinations the report
 * records as delivered, "is being sent" for the rest, and what is waiting for a channel.
 */
export function describeRoute(report: RoutedReport, facts: RouteFacts): string {
  const plan = planRoute(report, facts);
  const delivered = new Set(triageOf(report).alerts.map((c) => c.id));
  const sent = (ids: string[]) => (ids.length > 0 && ids.every((id) => delivered.has(id)) ? 'has gone' : 'is being sent');
  const school = plan.find((d) => d.where === 'school');
  const trust = plan.find((d) => d.where === 'trust');
  const people = plan.filter((d) => d.where === 'person').map((d) => d.id);
  const parked = 'It is stored safely and will be sent as soon as a trust admin links a channel for it. If anyone is at immediate risk, tell the DSL now or call 999.';

  if (isBypassed(report)) {
    if (people.length) return `It ${sent(people)} to the trust's named safeguarding lead, not to your school.`;
    return trust?.channel
      ? `It ${sent(['trust'])} to the trust's safeguarding team, not to your school.`
      : `It is not going to your school. The trust has not set up where it goes yet, so nobody has been told yet. ${parked}`;
  }
  const parts: string[] = [];
  if (school) parts.push(`It ${sent(['school'])} to your school's alerts channel, for your headteacher and named safeguarding staff.`);
  else if (people.length) parts.push(`Your school's alerts channel is not set up yet, so the trust's named safeguarding lead ${sent(people) === 'has gone' ? 'has been told' : 'is being told'} instead.`);
  else if (trust?.flag === 'no-school-channel' && trust.channel) parts.push(`Your school's alerts channel is not set up yet, so it ${sent(['trust'])} to the trust's safeguarding team instead.`);
  else return `Your school's alerts channel is not set up yet, and nor is the trust's, so nobody has been told yet. ${parked}`;
  if (trust?.flag === 'also-trust') {
    parts.push(trust.channel
      ? `It ${sent(['trust'])} to the trust's central team too.`
      : 'The trust\'s channel is not set up yet: the trust\'s central team will get it as soon as it is.');
  }
  return parts.join(' ');
}

/**
 * Who a report will reach if submitted now, for the review step's "Submitting sends this to …":
 * the same plan, so it never names the headteacher when no school channel is linked.
 */
export function describeAudience(report: RoutedReport, facts: RouteFacts): string {
  const plan = planRoute(report, facts);
  const trust = plan.find((d) => d.where === 'trust');
  const people = plan.some((d) => d.where === 'person');
  if (isBypassed(report)) {
    if (people) return 'the trust\'s named safeguarding lead, not to your school';
    return trust?.channel ? 'the trust\'s safeguarding team, not to your school' : 'the trust, not to your school (where it goes is not set up yet: it will be kept until it is)';
  }
  if (plan.some((d) => d.where === 'school')) {
    const also = trust?.flag === 'also-trust' ? (trust.channel ? ' and the trust\'s central team' : ' (and the trust\'s central team once its channel is set up)') : '';
    return `your school's alerts channel (your headteacher and named safeguarding staff)${also}`;
  }
  if (people) return 'the trust\'s named safeguarding lead, because your school\'s alerts channel is not set up yet';
  if (trust?.channel) return 'the trust\'s safeguarding team, because your school\'s alerts channel is not set up yet';
  return 'nobody yet: neither your school\'s alerts channel nor the trust\'s is set up. It will be kept and sent as soon as one is';
}

/** What the directory has linked for a school's report right now. */
export async function routeFacts(directory: Directory, schoolId: string): Promise<RouteFacts> {
  const [school, trustChannel] = await Promise.all([directory.getSchool(schoolId), directory.trustChannel()]);
  return { schoolChannel: school?.alertsChannel, trustChannel, namedPeople: directory.bypassRecipients() };
}
