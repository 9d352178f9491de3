/**
 * What routing needs from Teams, as plain data: post a new thread in a channel, reply in a
 * thread, update a posted message, message a person 1:1. Implemented in src/teams/proactive.ts
 * over the Bot Framework adapter; the domain never sees SDK types.
 */
import type { ChannelRef } from '../directory/directory';
import type { AdaptiveCard } from '../../cards/render';

export interface OutboundMessage {
  /** Plain-text fallback (and what a screen reader reads first). No personal data. */
  text: string;
  /** Notification preview. No personal data, ever. */
  summary: string;
  card?: AdaptiveCard;
}

/** A message the bot posted, with what is needed to update it or reply under it later. */
export interface PostedActivity {
  serviceUrl: string;
  tenantId: string;
  conversationId: string;
  activityId: string;
}

export interface UserTarget {
  serviceUrl: string;
  tenantId: string;
  /** Teams user id (29:...) or Entra object id. */
  userId: string;
  /** The user's 1:1 conversation with the bot, when known (saves creating it). */
  conversationId?: string;
}

export interface ChannelPoster {
  postNewThread(channel: ChannelRef, message: OutboundMessage): Promise<PostedActivity>;
  replyInThread(thread: PostedActivity, message: OutboundMessage): Promise<PostedActivity>;
  updateMessage(target: PostedActivity, message: OutboundMessage): Promise<void>;
  sendToUser(user: UserTarget, message: OutboundMessage): Promise<PostedActivity>;
  /**
   * Looks a person up in the team of a channel by Entra object id (Teams resolves it): their
   * Teams user id (MRI) and display name; undefined when they are not a member.
   */
  findMember(channel: ChannelRef, aadObjectId: string): Promise<{ teamsUserId: string; name?: string } | undefined>;
}

/**
 * Why a delivery failed, decided by the Teams layer:
 * - retry: worth trying again (429, 412, 5xx, timeouts, network), after `retryAfterMs` if given;
 * - defer: not sent at all (our own rate limit); try after `retryAfterMs`, not counted as a failure;
 * - permanent: will not work as it is (403 bot removed, 404 no such conversation, 400).
 */
export type Disposition = 'retry' | 'defer' | 'permanent';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly disposition: Disposition,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
