/**
 * teams-ai turn state. trustline keeps everything that matters (drafts, the remembered school,
 * reports) in the records store through the domain, so this carries no fields of its own; it is
 * still loaded and saved through RecordBotStorage so teams-ai's own scopes share the backend.
 */
import { TurnState, DefaultConversationState, DefaultUserState } from '@microsoft/teams-ai';

export type AppTurnState = TurnState<DefaultConversationState, DefaultUserState>;
