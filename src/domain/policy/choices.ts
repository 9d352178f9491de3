/**
 * The choice log: when the bot asks "which is closest to your situation?" (or shows the nearest
 * clauses), the offer is kept under a random token, and the clause the person then picks is added
 * to it. Offer + pick is training data for ranking: the best there is, because a person chose.
 * Kept like the gap log (gaps.ts): no asker identity (no user, conversation or tenant id), for a
 * limited time (`expiresAt`; `purge` deletes what has expired), shown to trust admins only (CLI).
 * Card buttons carry only the token and the clause number, never the question.
 */
import { randomText } from './randomPool';
import type { RecordStore } from '../../storage/recordStore';
import { ConflictError } from '../../storage/recordStore';
import { MAX_GAP_QUESTION_CHARS } from './gaps';

export interface ChoicePick {
  /** Clause key (`docId#clauseId`) picked. */
  key: string;
  at: string;
}

export interface ChoiceOffer {
  token: string;
  question: string;
  kind: 'choose' | 'near';
  /** Clause keys offered, best first. */
  offered: string[];
  offeredAt: string;
  expiresAt: string;
  /** Every press, in order (someone may open two situations to compare). */
  picks: ChoicePick[];
}

const PARTITION = 'offer';
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{12,32}$/;

export class ChoiceLog {
  constructor(
    private readonly store: RecordStore,
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Keeps an offer; returns the anonymous token its buttons carry. */
  async offer(question: string, kind: 'choose' | 'near', offered: string[]): Promise<string> {
    const at = this.now();
    const token = randomText(12, 'base64url');
    const value: ChoiceOffer = {
      token,
      question: question.trim().slice(0, MAX_GAP_QUESTION_CHARS),
      kind,
      offered: offered.slice(0, 8),
      offeredAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + this.retentionDays * 86_400_000).toISOString(),
      picks: [],
    };
    await this.store.insert('choices', PARTITION, token, value);
    return token;
  }

  /**
   * Records that `key` was picked from the offer `token`. Returns the offer (for its other
   * clauses), or undefined when the token is unknown or expired. A key that was not offered is
   * not recorded (a forged press is not training data).
   */
  async pick(token: string, key: string): Promise<ChoiceOffer | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const record = await this.store.get<ChoiceOffer>('choices', PARTITION, token);
      if (!record || record.value.expiresAt <= this.now().toISOString()) return undefined;
      if (!record.value.offered.includes(key) || record.value.picks.length >= 20) return record.value;
      const value = { ...record.value, picks: [...record.value.picks, { key, at: this.now().toISOString() }] };
      try {
        await this.store.update('choices', PARTITION, token, value, record.etag);
        return value;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    return undefined;
  }

  /** Unexpired offers, newest first. */
  async list(): Promise<ChoiceOffer[]> {
    const now = this.now().toISOString();
    return (await this.store.list<ChoiceOffer>('choices', PARTITION))
      .map((r) => r.value)
      .filter((v) => v.expiresAt > now)
      .sort((a, b) => b.offeredAt.localeCompare(a.offeredAt));
  }

  /** Deletes expired offers; returns how many. */
  async purge(): Promise<number> {
    const now = this.now().toISOString();
    let deleted = 0;
    for (const r of await this.store.list<ChoiceOffer>('choices', PARTITION)) {
      if (r.value.expiresAt > now) continue;
      await this.store.delete('choices', r.partition, r.key, r.etag);
      deleted++;
    }
    return deleted;
  }
}

const clauseOf = (key: string) => key.slice(key.indexOf('#') + 1);

export function formatChoices(offers: ChoiceOffer[]): string {
  if (!offers.length) return 'No choices recorded: nobody has been asked "which is closest" yet (or the records have expired).';
  const picked = offers.filter((o) => o.picks.length).length;
  const lines = [`${offers.length} offer(s), ${picked} with a pick. offered -> picked: question`];
  for (const o of offers) {
    const picks = o.picks.length ? o.picks.map((p) => clauseOf(p.key)).join(', ') : '(none)';
    lines.push(`  ${o.offeredAt.slice(0, 10)}  ${o.kind.padEnd(6)} [${o.offered.map(clauseOf).join(', ')}] -> ${picks}: ${o.question.replace(/\s+/g, ' ')}`);
  }
  return lines.join('\n');
}
