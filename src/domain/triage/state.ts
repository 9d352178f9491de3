/**
 * Triage state kept on the report (`Report.triage`, owned by routing/triage): where its alert
 * was posted, deadlines, and what triagers did. Everything is appended or set once; nothing is
 * removed (a reopened report keeps its earlier resolution in `resolutions`). Report.history
 * gets one line per action, without personal data, so the channel card can show it.
 */
import type { Report } from '../reports/types';
import type { PostedActivity } from '../routing/ports';

export const CLASSIFY_REASONS = {
  'child-safeguarding': 'Child safeguarding concern',
  'low-level': 'Low-level concern',
  'harm-threshold': 'Allegation meeting the harm threshold',
  media: 'Media',
  nfa: 'No further action',
} as const;
export type ClassifyReason = keyof typeof CLASSIFY_REASONS;

export const REFERRAL_TARGETS = {
  'school-system': 'School safeguarding system (CPOMS/MyConcern)',
  lado: 'LADO',
  'childrens-social-care': "Children's social care",
  police: 'Police',
  'trust-ceo': 'Trust CEO',
  poshline: 'Professionals Online Safety Helpline',
} as const;
export type ReferralTarget = keyof typeof REFERRAL_TARGETS;

/** Where a copy of the alert went, and why it is flagged (if it is). */
export type CopyWhere = 'school' | 'trust' | 'person';
export type CopyFlag = 'no-school-channel' | 'school-channel-failed' | 'concerns-triager' | 'person-unreachable' | 'escalated' | 'overdue' | 'also-trust' | 'nothing-linked';

export interface PostedCopy {
  /** 'school', 'trust' or `person:<aadObjectId>`: one copy per destination, ever. */
  id: string;
  where: CopyWhere;
  flag?: CopyFlag;
  activity: PostedActivity;
  postedAt: string;
}

export interface Stamp {
  at: string;
  by: string;
}

export type TriageState = {
  /** Posted alert copies: the card updated in place after every action. */
  alerts: PostedCopy[];
  /** True when the report concerns a school triager and went to the trust's named people only. */
  bypassed?: boolean;
  /** Acknowledge by (working time from filing), and when it escalates if still not acknowledged. */
  dueBy?: string;
  escalateAt?: string;
  timersScheduled?: boolean;
  acknowledged?: Stamp;
  classification?: Stamp & { reason: ClassifyReason };
  assignee?: Stamp & { aadObjectId: string };
  referrals: (Stamp & { to: ReferralTarget; reference?: string })[];
  /** Triage notes: personal data, shown to those allowed only. */
  notes: (Stamp & { text: string })[];
  escalated?: Stamp & { reason: 'overdue' | 'triager'; text?: string };
  /** Every resolution, oldest first; the last one stands unless reopened since. */
  resolutions: (Stamp & { outcome: string })[];
  reopenings: (Stamp & { reason: string })[];
  decision?: Stamp & { decision: 'approved' | 'rejected'; reason?: string };
  remindedAt?: string;
  /** Copies whose thread got the reminder (so a retry does not remind twice). */
  reminded?: string[];
  /** Thread reply that told the trust channel an already-posted alert was escalated. */
  escalationNoticeId?: string;
  /** Reporter notifications sent, by `${event}:${seq}`: the activity id. */
  notified: Record<string, string>;
  /** Display names of people who acted or were assigned (for cards), by Entra object id. */
  names: Record<string, string>;
};

export function emptyTriage(): TriageState {
  return { alerts: [], referrals: [], notes: [], resolutions: [], reopenings: [], notified: {}, names: {} };
}

/** The report's triage state, filled in with defaults (older records may lack newer fields). */
export function triageOf(report: Pick<Report, 'triage'>): TriageState {
  const t = (report.triage ?? {}) as Partial<TriageState>;
  return { ...emptyTriage(), ...t } as TriageState;
}

export function withTriage(report: Report, triage: TriageState): Report {
  return { ...report, triage };
}

/** Whether the report's kind is decided by approve/reject (a new official account request). */
export function isDecisionKind(report: Report): boolean {
  return report.kind === 'new-account' || report.retentionClass === 'account-request';
}

/**
 * The approve/reject decision that resolved a request, if it still stands (not reopened since, nor
 * resolved otherwise): the requester is told it, with its reason, in the notice and in `my reports`.
 */
export function standingDecision(report: Report): TriageState['decision'] | undefined {
  if (!isDecisionKind(report) || report.status !== 'resolved') return undefined;
  const t = triageOf(report);
  return t.decision && t.resolutions.at(-1)?.at === t.decision.at ? t.decision : undefined;
}

export const STATUS_LABELS: Record<Report['status'], string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  'in-progress': 'In progress',
  referred: 'Referred',
  resolved: 'Resolved',
};
