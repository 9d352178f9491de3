/**
 * Who may see a report's details and act on it, decided on the server from the stored report
 * and the directory (never from card data):
 * - a report that concerns a school triager (bypassed): the trust's named people only, so
 *   nobody at the school, including the person it concerns, sees or changes it;
 * - otherwise: that school's triagers; and the trust's named people too once the report
 *   involves the trust (escalated, routed to the trust as media contact, or posted to the
 *   trust channel because the school's channel was missing or failing, or to the named people
 *   1:1 because neither channel was linked).
 * Trust admins (IT) have no access by being admins: linking channels is not safeguarding.
 */
import type { Report } from '../reports/types';
import type { NamedPerson, School } from '../directory/directory';
import { triageOf } from './state';

export type Access = 'school-triager' | 'trust';

export interface AccessDirectory {
  school: School | undefined;
  namedPeople: NamedPerson[];
}

export function isBypassed(report: Pick<Report, 'triage' | 'concernsTriager'>): boolean {
  return triageOf(report).bypassed ?? report.concernsTriager;
}

/** Whether the trust is involved in handling this report (not bypassed). */
export function involvesTrust(report: Report): boolean {
  const t = triageOf(report);
  // A 'person' copy of a report that is not bypassed went 1:1 to the named people because nothing was linked.
  return Boolean(t.escalated) || report.routing.alsoTrust || t.alerts.some((c) => c.where === 'trust' || c.where === 'person');
}

export function accessFor(report: Report, aadObjectId: string, dir: AccessDirectory): Access | undefined {
  if (!aadObjectId) return undefined;
  const named = dir.namedPeople.some((p) => p.aadObjectId === aadObjectId);
  if (isBypassed(report)) return named ? 'trust' : undefined;
  if (dir.school?.triagers.includes(aadObjectId)) return 'school-triager';
  if (named && involvesTrust(report)) return 'trust';
  return undefined;
}

/** The people who may act on a report (for assignment choices and refresh userIds). */
export function handlersOf(report: Report, dir: AccessDirectory): string[] {
  const named = dir.namedPeople.map((p) => p.aadObjectId);
  if (isBypassed(report)) return [...new Set(named)];
  const school = dir.school?.triagers ?? [];
  return [...new Set(involvesTrust(report) ? [...school, ...named] : school)];
}
