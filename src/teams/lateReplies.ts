/**
 * Replies that missed their turn's deadline (teams/turnDeadline.ts) go through the stored
 * outbox instead of being lost with the turn: the reply activity is stored (outbox table,
 * partition 'reply', keyed by the entry's id) and a `turn.reply` entry is queued, due after a
 * short hold. During the hold the in-turn call may still succeed; then the stored copy is
 * removed and the entry does nothing. If it fails, or is aborted at the end of the hold, the
 * entry is made due at once and the outbox worker sends the copy with its usual retries. So
 * one path delivers: never both, except when the Connector created the message but its answer
 * never came (the window every Connector post has: docs/RELIABILITY.md).
 *
 * Nothing here logs content; the stored copy is deleted once sent.
 */
import type { Activity } from 'botbuilder';
import type { RecordStore } from '../storage/recordStore';
import type { Clock } from '../clock';
import { DeliveryError } from '../domain/routing/ports';
import type { OutboxHandlers } from '../domain/outbox/worker';
import { dueNow, enqueue, outboxId } from '../domain/outbox/outbox';

export const REPLY_PARTITION = 'reply';

export interface StoredReply {
  id: string;
  createdAt: string;
  serviceUrl: string;
  tenantId: string;
  conversationId: string;
  replyToId?: string;
  activity: Partial<Activity>;
}

/** What the outbox needs to send a stored reply (AdapterPoster). */
export interface ReplySender {
  sendActivity(target: { serviceUrl: string; tenantId: string; conversationId: string }, activity: Partial<Activity>, replyToId?: string): Promise<{ id: string }>;
}

/** The turn deadline's side: hold a late reply, then say how the in-turn call ended. */
export interface LateReplySink {
  /** Stores the reply and queues it, due after `holdMs`; resolves with the outbox entry id. */
  hold(activity: Partial<Activity>, turn: string, seq: number, holdMs: number): Promise<string>;
  /** The in-turn call delivered it after all: the stored copy must not be sent. */
  delivered(id: string): Promise<void>;
  /** The in-turn call failed or was aborted: send the stored copy now. */
  failed(id: string): Promise<void>;
}

export class LateReplies implements LateReplySink {
  constructor(private readonly store: RecordStore, private readonly clock: Clock) {}

  async hold(activity: Partial<Activity>, turn: string, seq: number, holdMs: number): Promise<string> {
    const work = { type: 'turn.reply' as const, ref: turn, seq };
    const id = outboxId(work);
    const now = this.clock.now();
    const conv = activity.conversation;
    const reply: StoredReply = {
      id,
      createdAt: now.toISOString(),
      serviceUrl: activity.serviceUrl ?? '',
      tenantId: conv?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? '',
      conversationId: conv?.id ?? '',
      ...(activity.replyToId ? { replyToId: activity.replyToId } : {}),
      activity: { ...activity, id: undefined },
    };
    // The copy first: an entry is never due without what it sends.
    await this.store.upsert('outbox', REPLY_PARTITION, id, reply);
    await enqueue(this.store, work, now, new Date(now.getTime() + holdMs));
    return id;
  }

  async delivered(id: string): Promise<void> {
    await this.store.delete('outbox', REPLY_PARTITION, id);
  }

  async failed(id: string): Promise<void> {
    await dueNow(this.store, id, this.clock.now());
  }

  /** The outbox handler: sends a stored reply once, after the turn's earlier ones. */
  handlers(sender: ReplySender): OutboxHandlers {
    return {
      'turn.reply': async (work) => {
        const id = outboxId(work);
        const stored = await this.store.get<StoredReply>('outbox', REPLY_PARTITION, id);
        if (!stored) return; // sent already, or delivered in its turn after all
        if (work.seq > 0) {
          const before = outboxId({ ...work, seq: work.seq - 1 });
          if (await this.store.get('outbox', REPLY_PARTITION, before)) throw new DeliveryError('an earlier reply of the turn is not sent yet', 'defer', undefined, 250);
        }
        const r = stored.value;
        if (!r.serviceUrl || !r.conversationId) throw new DeliveryError('stored reply has no conversation', 'permanent');
        await sender.sendActivity({ serviceUrl: r.serviceUrl, tenantId: r.tenantId, conversationId: r.conversationId }, r.activity, r.replyToId);
        await this.store.delete('outbox', REPLY_PARTITION, id);
      },
    };
  }
}
