/**
 * Unfinished report forms, kept per user so nothing typed is lost: saved whenever the user
 * presses a form button (review, save, or a submit that failed validation), offered for
 * resume next time, deleted once the report is filed or the user discards it, and expired
 * after DRAFT_DAYS. Keyed by kind for chat forms (one draft per kind) and by kind and
 * submission for "Report this message" dialogs (each carries its own message as evidence).
 */
import type { RecordStore } from '../../storage/recordStore';
import type { MessageEvidence } from './types';
import type { RawValues } from './validate';

export const DRAFT_DAYS = 30;
/** Most drafts kept per user; the oldest go first. */
export const MAX_DRAFTS_PER_USER = 20;

export interface Draft {
  /** Store key: the kind id, or `${kind}~${submissionId}` for message-extension drafts. */
  key: string;
  kind: string;
  /** The idempotency key the form's submit will use. */
  submissionId: string;
  source: 'chat' | 'message-extension';
  values: RawValues;
  evidence?: MessageEvidence;
  createdAt: string;
  updatedAt: string;
}

export const chatDraftKey = (kind: string): string => kind;
export const messageDraftKey = (kind: string, submissionId: string): string => `${kind}~${submissionId}`;

export class DraftStore {
  constructor(private readonly store: RecordStore) {}

  async get(aadObjectId: string, key: string, now: Date): Promise<Draft | undefined> {
    const rec = await this.store.get<Draft>('drafts', aadObjectId, key);
    if (!rec) return undefined;
    if (expired(rec.value, now)) {
      await this.store.delete('drafts', aadObjectId, key, rec.etag).catch(() => undefined);
      return undefined;
    }
    return rec.value;
  }

  /** Creates or replaces a draft (the latest press of a form button wins). */
  async save(aadObjectId: string, draft: Omit<Draft, 'createdAt' | 'updatedAt'> & { createdAt?: string }, now: Date): Promise<Draft> {
    const value: Draft = { ...draft, createdAt: draft.createdAt ?? now.toISOString(), updatedAt: now.toISOString() };
    await this.store.upsert('drafts', aadObjectId, draft.key, value);
    await this.prune(aadObjectId, now);
    return value;
  }

  /** The user's live drafts, most recently touched first (expired ones are removed). */
  async list(aadObjectId: string, now: Date): Promise<Draft[]> {
    const recs = await this.store.list<Draft>('drafts', aadObjectId);
    const live: Draft[] = [];
    for (const r of recs) {
      if (expired(r.value, now)) await this.store.delete('drafts', aadObjectId, r.key, r.etag).catch(() => undefined);
      else live.push(r.value);
    }
    return live.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async delete(aadObjectId: string, key: string): Promise<void> {
    await this.store.delete('drafts', aadObjectId, key);
  }

  /** Deletes the draft(s) that a filed submission came from (only those: a newer form stays). */
  async deleteForSubmission(aadObjectId: string, submissionId: string): Promise<void> {
    const recs = await this.store.list<Draft>('drafts', aadObjectId);
    for (const r of recs) {
      if (r.value.submissionId === submissionId) await this.store.delete('drafts', aadObjectId, r.key, r.etag).catch(() => undefined);
    }
  }

  private async prune(aadObjectId: string, now: Date): Promise<void> {
    const drafts = await this.list(aadObjectId, now);
    for (const d of drafts.slice(MAX_DRAFTS_PER_USER)) await this.store.delete('drafts', aadObjectId, d.key);
  }
}

function expired(d: Draft, now: Date): boolean {
  return now.getTime() - Date.parse(d.updatedAt) > DRAFT_DAYS * 86_400_000;
}
