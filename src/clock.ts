/** Time source, injectable so reminders and escalations can be tested on a fake clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
