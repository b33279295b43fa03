import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { env, type Env } from "@/lib/env";

export type LimitName =
  | "comment:user"
  | "comment:ip"
  | "report:user"
  | "report:ip"
  | "correction:user"
  | "correction:ip"
  | "signin:account"
  | "signin:account-ip"
  | "signin:ip"
  | "signup:ip"
  | "reset:account"
  | "reset:ip"
  | "account:password"
  | "name:user"
  | "edit:user";

const CONFIG_KEY: Record<LimitName, keyof Env & `RATE_LIMIT_${string}`> = {
  "comment:user": "RATE_LIMIT_COMMENT_USER",
  "comment:ip": "RATE_LIMIT_COMMENT_IP",
  "report:user": "RATE_LIMIT_REPORT_USER",
  "report:ip": "RATE_LIMIT_REPORT_IP",
  "correction:user": "RATE_LIMIT_CORRECTION_USER",
  "correction:ip": "RATE_LIMIT_CORRECTION_IP",
  "signin:account": "RATE_LIMIT_SIGNIN_ACCOUNT",
  "signin:account-ip": "RATE_LIMIT_SIGNIN_ACCOUNT_IP",
  "signin:ip": "RATE_LIMIT_SIGNIN_IP",
  "account:password": "RATE_LIMIT_ACCOUNT_PASSWORD",
  "name:user": "RATE_LIMIT_NAME_CHANGE_USER",
  "edit:user": "RATE_LIMIT_EDIT_USER",
  "signup:ip": "RATE_LIMIT_SIGNUP_IP",
  "reset:account": "RATE_LIMIT_RESET_ACCOUNT",
  "reset:ip": "RATE_LIMIT_RESET_IP",
};

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`You're doing that too often. Try again in ${formatWait(retryAfterSeconds)}.`);
  }
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

// Counters live in the database (rate-limiter-flexible's Prisma store), so limits hold across app instances.
const limiters = new Map<string, RateLimiterPrisma>();

function limiterFor(name: LimitName): RateLimiterPrisma {
  const { points, duration } = env[CONFIG_KEY[name]];
  const cacheKey = `${name}:${points}/${duration}`;
  let limiter = limiters.get(cacheKey);
  if (!limiter) {
    limiter = new RateLimiterPrisma({ storeClient: db, keyPrefix: name, points, duration, tableName: "rateLimiterFlexible" });
    limiters.set(cacheKey, limiter);
  }
  return limiter;
}

/** Spends one point from each named limit; throws RateLimitedError (with the wait) when any is exhausted. */
export async function enforceRateLimits(checks: { limit: LimitName; key: string }[]): Promise<void> {
  for (const { limit, key } of checks) {
    try {
      await limiterFor(limit).consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      throw error;
    }
  }
}

/**
 * The wait, in seconds, if any named limit is already spent for its key; null if every one has points left.
 * Spends nothing: for a form that asks before handing the request to code that spends the points itself.
 */
export async function spentLimitWait(checks: { limit: LimitName; key: string }[]): Promise<number | null> {
  for (const { limit, key } of checks) {
    const limiter = limiterFor(limit);
    const spent = await limiter.get(key);
    if (spent && spent.consumedPoints >= limiter.points) return Math.max(1, Math.ceil(spent.msBeforeNext / 1000));
  }
  return null;
}

/** Forgets a key's spent points, e.g. an account's failed sign-ins once it signs in. */
export async function resetRateLimit(limit: LimitName, key: string): Promise<void> {
  await limiterFor(limit).delete(key);
}
