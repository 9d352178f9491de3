/** teams-ai turn state. Domain data lives in the records store; this holds only UI memory. */
import { TurnState, DefaultConversationState, DefaultUserState } from '@microsoft/teams-ai';

export interface UserState extends DefaultUserState {
  /** The school this user reports for, once chosen (remembered per user). */
  schoolId?: string;
}

export type AppTurnState = TurnState<DefaultConversationState, UserState>;
