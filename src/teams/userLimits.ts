/**
 * The per-user limits for one running service, shared by every feature that checks them
 * (chat and the message extension file reports through separate flows but one limit).
 */
import type { Services } from '../services';
import { UserRateLimit } from '../domain/limits/userRateLimit';

export interface UserLimits {
  questions: UserRateLimit;
  reports: UserRateLimit;
}

const byServices = new WeakMap<Services, UserLimits>();

export function userLimits(services: Services): UserLimits {
  let limits = byServices.get(services);
  if (!limits) {
    const { questionsPerMinute, reportsPerHour } = services.config.limits;
    limits = {
      questions: new UserRateLimit({ max: questionsPerMinute, windowMs: 60_000 }),
      reports: new UserRateLimit({ max: reportsPerHour, windowMs: 3_600_000 }),
    };
    byServices.set(services, limits);
  }
  return limits;
}
