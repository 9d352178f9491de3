/**
 * The filed report record and its parts: the contract between reports (which files them) and
 * routing/triage (which delivers and works on them). Plain data only (no SDK types), so it is
 * stored as JSON on either backend and read by workers, the CLI and the Teams layer alike.
 * Keep changes additive: stored records outlive code versions.
 */

/** The six kinds shipped in reportKinds/; a trust may add more (any id matching KIND_ID_PATTERN). */
export const SHIPPED_KIND_IDS = [
  'pupil-connection',
  'media-contact',
  'parent-connection',
  'colleague-abuse',
  'pupil-communication',
  'new-account',
] as const;
export type ShippedKindId = (typeof SHIPPED_KIND_IDS)[number];
export const KIND_ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

export type Priority = 'high' | 'normal';

/** Triage lifecycle (DESIGN.md §4). Reports start 'new'; routing moves them on. */
export type ReportStatus = 'new' | 'acknowledged' | 'in-progress' | 'referred' | 'resolved';
export const REPORT_STATUSES: readonly ReportStatus[] = ['new', 'acknowledged', 'in-progress', 'referred', 'resolved'];

/**
 * Where a kind's reports go. Every report goes to its school's alerts channel unless bypassed.
 * - alsoTrust: also post to the trust channel (media contact).
 * - bypassWhenConcerningTriager: when `Report.concernsTriager` is true, skip the school channel
 *   and send to the trust's named person instead (DESIGN.md §3).
 */
export interface RoutingRule {
  alsoTrust: boolean;
  bypassWhenConcerningTriager: boolean;
}

/**
 * Retention class (trust schedule, DESIGN.md §5). The purge job maps a class to a period;
 * a trust may define more classes, so this is an open string with the shipped ones named.
 */
export type RetentionClass =
  | 'safeguarding'
  | 'staff-conduct'
  | 'media'
  | 'connection-request'
  | 'account-request'
  | (string & {});

/** Answers to "is anyone at immediate risk?"; 'not-asked' for kinds that do not ask it (account requests). */
export type ImmediateRisk = 'yes' | 'no' | 'unsure' | 'not-asked';

/** A field's stored value: text-like types are strings, multichoice a list, boolean a boolean. */
export type FieldValue = string | string[] | boolean;

/** Who filed it: taken from the Teams identity of the activity, never typed. */
export interface ReporterIdentity {
  aadObjectId: string;
  name: string;
  /** Teams user id (29:...), needed to message the reporter 1:1. */
  teamsUserId: string;
}

/**
 * The reporter's 1:1 conversation with the bot as plain data, so routing can tell the reporter
 * about acknowledgement and resolution later (continueConversation / createConversation).
 * conversationId is absent when the report came from a message extension in a chat that is not
 * the bot's 1:1 chat; then routing creates the 1:1 conversation from teamsUserId + tenantId.
 */
export interface ReporterConversation {
  serviceUrl: string;
  conversationId?: string;
  tenantId: string;
  /** The bot's id as the recipient saw it (28:...). */
  botId: string;
  channelId: string;
}

/** A Teams message attached as evidence by "Report this message". */
export interface MessageEvidence {
  messageId?: string;
  text: string;
  authorName?: string;
  authorAadObjectId?: string;
  /** When the message was sent (ISO), if Teams said. */
  sentAt?: string;
  /** Conversation the message was in (id only). */
  conversationId?: string;
}

/** One append-only history line. Routing appends its own actions ('acknowledged', 'note', ...). */
export interface HistoryEntry {
  at: string;
  byAadObjectId: string;
  action: string;
  detail?: string;
}

/**
 * Triage state, owned by the routing/triage engineer: edit this interface's body here (it is
 * theirs) or augment it. Reports never read or write it beyond leaving it absent at filing.
 */
export interface ReportTriage {
  [key: string]: unknown;
}

export interface Report {
  schemaVersion: 1;
  /** Reference shown to people, e.g. PC-2026-0042: `${prefix}-${year}-${number padded to 4}`. */
  ref: string;
  /** Report kind id, e.g. 'pupil-connection'. */
  kind: string;
  /** The kind's title when filed (snapshot, so later edits to the definition do not change it). */
  kindTitle: string;
  /** Governing clauses when filed, e.g. ['7.6.15']. */
  clauses: string[];
  schoolId: string;
  /** The kind is a safeguarding matter (its form carried the "tell the DSL or call 999" banner). */
  safeguarding: boolean;
  priority: Priority;
  routing: RoutingRule;
  retentionClass: RetentionClass;
  reporter: ReporterIdentity;
  reporterConversation: ReporterConversation;
  /** Where it was filed from. */
  source: 'chat' | 'message-extension';
  /** Idempotency key of the submission (one per form instance). */
  submissionId: string;
  submittedAt: string;
  /** When it happened (ISO); may be earlier than submittedAt, never later. */
  happenedAt: string;
  /** False when the reporter gave only a date (happenedAt is then local midnight). */
  happenedAtTimeKnown: boolean;
  /** Kind-specific values by field id (common fields are the typed properties below). */
  fields: Record<string, FieldValue>;
  /** Labels of the kind's fields when filed, in form order (snapshot for display). */
  labels: Record<string, string>;
  /** Ids of fields holding sensitive personal data (pupil names, write-ups); shown only to triagers. */
  sensitiveFields: string[];
  immediateRisk: ImmediateRisk;
  /** "Have you told the DSL verbally?": optional, so undefined when left blank (or not asked); see toldDslText. */
  toldDsl?: boolean;
  /** Whether the reporter keeps evidence (screenshots, the message). */
  evidenceHeld: boolean;
  /** The Teams message reported, when filed by "Report this message" (sensitive). */
  evidence?: MessageEvidence;
  /** The report concerns the headteacher or someone who reads the school's alerts channel. */
  concernsTriager: boolean;
  status: ReportStatus;
  history: HistoryEntry[];
  triage?: ReportTriage;
}
