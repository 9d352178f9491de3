/**
 * teams-ai turn state. trustline keeps everything that matters (drafts, the remembered school,
 * reports) in the records store through the domain; turn state (loaded and saved through
 * RecordBotStorage, so teams-ai's own scopes share the backend) carries only short-lived chat
 * context: the previous question in a 1:1 chat, for follow-ups (domain/policy/followUp.ts).
 */
import { TurnState, DefaultConversationState, DefaultUserState } from '@microsoft/teams-ai';
import type { RememberedQuestion } from '../domain/policy/followUp';

export interface ConversationState extends DefaultConversationState {
  /** The last question asked in this 1:1 chat; read only within FOLLOW_UP_WINDOW_MS, then dropped. */
  lastQuestion?: RememberedQuestion;
}

export type AppTurnState = TurnState<ConversationState, DefaultUserState>;
