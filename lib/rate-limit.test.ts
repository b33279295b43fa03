import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env, readEnv } from "@/lib/env";
import { overrideEnv, useEnv } from "@/lib/testing/env";
import { enforceRateLimits, formatWait, RateLimitedError, resetRateLimit } from "./rate-limit";

useEnv({ RATE_LIMIT_COMMENT_USER: "3/60" });

/** A key no other test uses, since counters persist in the file's database. */
const freshKey = () => randomUUID();
const consume = (key: string) => enforceRateLimits([{ limit: "comment:user", key }]);

async function refusal(action: Promise<unknown>): Promise<RateLimitedError> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

describe("enforceRateLimits", () => {
  it('with "3/60", lets 3 through and refuses the 4th with a wait of 1–60 seconds', async () => {
    const key = freshKey();
    for (let i = 0; i < 3; i++) await expect(consume(key)).resolves.toBeUndefined();

    const error = await refusal(consume(key));
    expect(Number.isInteger(error.retryAfterSeconds)).toBe(true);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(error.message).toContain("Try again in");
    expect(error.message).toBe(`You're doing that too often. Try again in ${formatWait(error.retryAfterSeconds)}.`);

    // ...and keeps refusing.
    await refusal(consume(key));
  });

  it("keeps its counters in the database (the RateLimiterFlexible table)", async () => {
    const key = freshKey();
    const start = Date.now();
    await consume(key);
    await consume(key);
    const row = await db.rateLimiterFlexible.findUnique({ where: { key: `comment:user:${key}` } });
    expect(row).not.toBeNull();
    expect(row!.points).toBe(2);
    expect(row!.expire!.getTime()).toBeGreaterThan(start);
    expect(row!.expire!.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it("counts the same key separately per limit, and each key separately", async () => {
    overrideEnv({ RATE_LIMIT_REPORT_USER: "3/60" });
    const exhausted = freshKey();
    for (let i = 0; i < 3; i++) await consume(exhausted);
    await refusal(consume(exhausted));

    // Another key on the same limit is untouched...
    const other = freshKey();
    for (let i = 0; i < 3; i++) await expect(consume(other)).resolves.toBeUndefined();
    // ...and so is the same key on another limit.
    await expect(enforceRateLimits([{ limit: "report:user", key: exhausted }])).resolves.toBeUndefined();
  });

  it("refuses when any one of several limits is exhausted", async () => {
    overrideEnv({ RATE_LIMIT_COMMENT_IP: "1/60" });
    const user = freshKey();
    const ip = freshKey();
    await enforceRateLimits([
      { limit: "comment:user", key: user },
      { limit: "comment:ip", key: ip },
    ]);
    // The user has points left; the address has none.
    await refusal(
      enforceRateLimits([
        { limit: "comment:user", key: freshKey() },
        { limit: "comment:ip", key: ip },
      ]),
    );
  });

  it("follows a change of configuration", async () => {
    const key = freshKey();
    overrideEnv({ RATE_LIMIT_COMMENT_USER: "1/60" });
    await consume(key);
    await refusal(consume(key));
  });

  it("opens again once the window has passed", async () => {
    overrideEnv({ RATE_LIMIT_COMMENT_USER: "1/1" });
    const key = freshKey();
    await consume(key);
    const error = await refusal(consume(key));
    expect(error.retryAfterSeconds).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(consume(key)).resolves.toBeUndefined();
  });
});

describe("resetRateLimit", () => {
  it("clears a key's spent points, and only that key's", async () => {
    const key = freshKey();
    const other = freshKey();
    for (let i = 0; i < 3; i++) {
      await consume(key);
      await consume(other);
    }
    await refusal(consume(key));

    await resetRateLimit("comment:user", key);
    expect(await db.rateLimiterFlexible.findUnique({ where: { key: `comment:user:${key}` } })).toBeNull();
    for (let i = 0; i < 3; i++) await expect(consume(key)).resolves.toBeUndefined();
    await refusal(consume(key));
    await refusal(consume(other));
  });

  it("is harmless for a key that never spent anything", async () => {
    await expect(resetRateLimit("comment:user", freshKey())).resolves.toBeUndefined();
  });
});

describe("formatWait", () => {
  it.each([
    [1, "1 second"],
    [2, "2 seconds"],
    [59, "59 seconds"],
    [60, "1 minute"],
    [61, "2 minutes"],
    [119, "2 minutes"],
    [120, "2 minutes"],
    [121, "3 minutes"],
    [900, "15 minutes"],
    [3600, "60 minutes"],
  ])("%i s → %s", (seconds, expected) => {
    expect(formatWait(seconds)).toBe(expected);
  });
});

describe("rate limit configuration", () => {
  it('parses "<count>/<seconds>"', () => {
    overrideEnv({ RATE_LIMIT_COMMENT_USER: "7/30" });
    expect(env.RATE_LIMIT_COMMENT_USER).toEqual({ points: 7, duration: 30 });
  });

  it("fails at start with a message naming the variable when a value is malformed", () => {
    expect(() => readEnv({ RATE_LIMIT_COMMENT_USER: "lots" })).toThrow(/RATE_LIMIT_COMMENT_USER/);
    expect(() => overrideEnv({ RATE_LIMIT_COMMENT_USER: "5 per minute" })).toThrow(/RATE_LIMIT_COMMENT_USER/);
    // The limit in force is untouched by the refused value.
    expect(env.RATE_LIMIT_COMMENT_USER).toEqual({ points: 3, duration: 60 });
  });
});
