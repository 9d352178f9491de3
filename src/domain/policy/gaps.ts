/**
 * Policy gaps: questions the policy did not answer, kept so its next review can close them.
 * Stored without the asker's identity (no user, conversation or tenant id), for a limited time
 * (`expiresAt`; `purge` deletes what has expired), grouped by the nearest section as the topic.
 * The question text itself is kept (it is what the reviewers need) and shown to trust admins only.
 */
import { randomText } from './randomPool';
import type { RecordStore } from '../../storage/recordStore';
import type { Answer } from './model';

export interface GapRecord {
  question: string;
  /** Nearest sections when it was asked, best first. */
  nearest: { id: string; title: string }[];
  /** Topic = nearest section ("7. Social Media") or "No nearby section". */
  topic: string;
  askedAt: string;
  expiresAt: string;
}

export interface GapTopic {
  topic: string;
  questions: GapRecord[];
}

export const MAX_GAP_QUESTION_CHARS = 500;
const NO_TOPIC = 'No nearby section';

function topicKey(topic: string): string {
  return topic.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'none';
}

export class GapStore {
  constructor(
    private readonly store: RecordStore,
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(question: string, answer: Answer): Promise<void> {
    const at = this.now();
    const nearest = answer.nearest.slice(0, 3);
    const first = nearest[0];
    const topic = first ? (first.id.startsWith('Appendix') ? `${first.id} – ${first.title}` : `${first.id}. ${first.title}`) : NO_TOPIC;
    const value: GapRecord = {
      question: question.trim().slice(0, MAX_GAP_QUESTION_CHARS),
      nearest,
      topic,
      askedAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + this.retentionDays * 86_400_000).toISOString(),
    };
    await this.store.insert('gaps', topicKey(topic), `${value.askedAt}-${randomText(4, 'hex')}`, value);
  }

  /** Unexpired gaps grouped by topic, biggest topic first, newest question first. */
  async list(): Promise<GapTopic[]> {
    const now = this.now().toISOString();
    const groups = new Map<string, GapRecord[]>();
    for (const r of await this.store.scan<GapRecord>('gaps')) {
      if (r.value.expiresAt <= now) continue;
      const list = groups.get(r.value.topic) ?? [];
      list.push(r.value);
      groups.set(r.value.topic, list);
    }
    return [...groups.entries()]
      .map(([topic, questions]) => ({ topic, questions: questions.sort((a, b) => b.askedAt.localeCompare(a.askedAt)) }))
      .sort((a, b) => b.questions.length - a.questions.length || a.topic.localeCompare(b.topic));
  }

  /** Deletes expired gaps; returns how many. */
  async purge(): Promise<number> {
    const now = this.now().toISOString();
    let deleted = 0;
    for (const r of await this.store.scan<GapRecord>('gaps')) {
      if (r.value.expiresAt > now) continue;
      await this.store.delete('gaps', r.partition, r.key, r.etag);
      deleted++;
    }
    return deleted;
  }
}

export function formatGaps(topics: GapTopic[]): string {
  if (!topics.length) return 'No policy gaps recorded: every question asked was answered by the policy (or the records have expired).';
  const lines: string[] = [];
  for (const t of topics) {
    lines.push(`${t.topic} (${t.questions.length})`);
    for (const q of t.questions) lines.push(`  ${q.askedAt.slice(0, 10)}  ${q.question.replace(/\s+/g, ' ')}`);
  }
  return lines.join('\n');
}
