// Property-based fuzzing of the settings actions: whatever a client sends, as whoever, the answer is a written
// refusal, a success or a redirect, never a thrown error (a 500); nobody changes anything but their own password
// and their own sessions, and a refusal changes nothing but a rate-limit counter.
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => {
  process.env.AUTH_SECRET = "settings-fuzz-secret-settings-fuzz-secret";
  return { user: null as CurrentUser | null };
});
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// Signing out everywhere clears the cookie through next-auth, which reads the request through next/headers.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-for": "10.5.5.5" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));

import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { createSession, findActiveSessionUser } from "@/lib/queries/sessions";
import { callActionWith, databaseChanges, type Action, DatabaseTracker, expectClearRefusal, formDataFrom, type Answer } from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, everyId, sessionFor, type ActionWorld, type ActorName } from "@/lib/testing/action-world";
import { hostileForm, hostileText, idOf } from "@/lib/testing/hostile-input";
import * as actions from "@/lib/actions/settings";
import { changePasswordAction, deleteAccountAction, endSessionAction, endSessionsAction } from "@/lib/actions/settings";
import { useEnv } from "@/lib/testing/env";
import { expectCountersMatchRecount } from "@/lib/testing/counters";

// Limits out of the way: these tests are about other refusals.
useEnv({ RATE_LIMIT_ACCOUNT_PASSWORD: "100000/60" });

const TIMEOUT_MS = 180_000;
const MEMBER_PASSWORD = "member's own password";

let world: ActionWorld;
let sessionIds: string[] = [];
const database = new DatabaseTracker();
const actor = fc.constantFrom<ActorName>(...ACTORS);
const junk = fc.oneof(fc.jsonValue(), fc.constantFrom(undefined, null, new Blob(["x"])));

beforeAll(async () => {
  world = await buildActionWorld();
  await db.user.update({ where: { id: world.users.member.id }, data: { passwordHash: await hashPassword(MEMBER_PASSWORD) } });
  sessionIds = [];
  for (const user of [...Object.values(world.users), ...Object.values(world.others)]) {
    for (let i = 0; i < 3; i++) sessionIds.push((await findActiveSessionUser(await createSession(user.id)))!.sessionId);
  }
});

/** Every row a call changed is the caller's own: their sessions, or their account's password. */
function expectOnlyOwn(changes: ReturnType<typeof databaseChanges>, before: Awaited<ReturnType<DatabaseTracker["before"]>>, userId: string | undefined) {
  for (const change of changes) {
    if (change.table === "rateLimiterFlexible") continue;
    if (change.table === "session") {
      expect(change.kind).toBe("removed");
      expect(before.rows.session!.find((row) => row.id === change.key)?.userId).toBe(userId);
      continue;
    }
    expect(change.table).toBe("user");
    expect(change.key).toBe(userId);
    expect(Object.keys(change.columns).filter((column) => !["passwordHash", "updatedAt"].includes(column))).toEqual([]);
  }
}

async function check(action: Action, value: unknown) {
  const before = await database.before();
  const answer: Answer = await callActionWith(action, value);
  if (!answer.ok) {
    expectClearRefusal(answer);
    await database.expectUnchanged({ except: ["rateLimiterFlexible"] });
    return;
  }
  const changes = databaseChanges(before, await database.after());
  // Signing out (everywhere, or this device) goes home, as a path or Auth.js's absolute URL.
  if (answer.redirectedTo) expect(new URL(answer.redirectedTo, "http://localhost:3000").pathname).toMatch(/^\/($|settings\/deleted$)/);
  expectOnlyOwn(changes, before, session.user?.id);
}

// Whatever the runs did to comments and votes, the stored counters still equal a recount (lib/queries/counters.ts).
afterEach(expectCountersMatchRecount);

describe("settings actions under fuzzing", () => {
  it("fuzzes every action the module exports", () => {
    expect(Object.keys(actions).sort()).toEqual(["changePasswordAction", "deleteAccountAction", "endSessionAction", "endSessionsAction"]);
  });

  it(
    "changePasswordAction changes only the caller's own password and sessions, or refuses and changes nothing",
    async () => {
      const password = fc.oneof(fc.constantFrom(MEMBER_PASSWORD, "a new password here"), hostileText);
      const argument = fc.oneof(
        {
          arbitrary: hostileForm({ currentPassword: password, newPassword: password, confirmPassword: password }).map(
            (fields) => formDataFrom(fields) as unknown,
          ),
          weight: 4,
        },
        { arbitrary: junk, weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(actor, argument, async (who, value) => {
          session.user = await sessionFor(world, who);
          await check(changePasswordAction, value);
        }),
        { numRuns: 30 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "endSessionAction ends only the caller's own session, whoever's id it is sent",
    async () => {
      const argument = fc.oneof(
        {
          arbitrary: hostileForm({ sessionId: idOf(sessionIds, [...sessionIds, ...everyId(world)]) }).map((fields) => formDataFrom(fields) as unknown),
          weight: 4,
        },
        { arbitrary: junk, weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(actor, argument, async (who, value) => {
          session.user = await sessionFor(world, who);
          await check(endSessionAction, value);
        }),
        { numRuns: 40 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "endSessionsAction ends only the caller's own sessions",
    async () => {
      const argument = fc.oneof(
        { arbitrary: hostileForm({ scope: fc.constantFrom("others", "all") }).map((fields) => formDataFrom(fields) as unknown), weight: 4 },
        { arbitrary: junk, weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(actor, argument, async (who, value) => {
          session.user = await sessionFor(world, who);
          await check(endSessionsAction, value);
        }),
        { numRuns: 25 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "deleteAccountAction without the right confirmation is refused in writing and changes nothing",
    async () => {
      // Never the right password or email: a success would delete the actor the later runs need.
      const argument = fc.oneof(
        {
          arbitrary: hostileForm({
            password: hostileText,
            email: fc.constantFrom("carol@example.test", "nobody@example.test"),
            confirm: fc.constantFrom("delete", "yes"),
          }).map((fields) => formDataFrom(fields) as unknown),
          weight: 4,
        },
        { arbitrary: junk, weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(actor, argument, async (who, value) => {
          session.user = await sessionFor(world, who);
          const answer: Answer = await callActionWith(deleteAccountAction, value);
          expectClearRefusal(answer);
          await database.expectUnchanged({ except: ["rateLimiterFlexible"] });
        }),
        { numRuns: 30 },
      );
    },
    TIMEOUT_MS,
  );
});
