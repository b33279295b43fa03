// Property-based fuzzing of the notification actions: whatever a client sends, as whoever, the answer is a written
// refusal, a success or a redirect inside Agora, never a thrown error (a 500); nobody changes anything but their
// own notifications and their own email setting, and a refusal changes nothing.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { callAction, callActionWith, databaseChanges, DatabaseTracker, expectClearRefusal, formDataFrom, type Answer } from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, everyId, sessionFor, type ActionWorld, type ActorName } from "@/lib/testing/action-world";
import { hostileField, hostileForm, hostileText, idOf } from "@/lib/testing/hostile-input";
import * as actions from "@/lib/actions/notifications";
import { emailNotificationsAction, markAllNotificationsReadAction, openNoticeAction, openNotificationAction } from "@/lib/actions/notifications";

// Generous: a few seconds on an idle machine, several times that on a busy one.
const TIMEOUT_MS = 180_000;

let world: ActionWorld;
const database = new DatabaseTracker();

beforeAll(async () => {
  world = await buildActionWorld();
});

const actor = fc.constantFrom<ActorName>(...ACTORS);

/** The notifications a call changed all belong to the caller, and only their read time moved. */
function expectOnlyOwnNotificationsRead(
  changes: ReturnType<typeof databaseChanges>,
  before: Awaited<ReturnType<DatabaseTracker["before"]>>,
  userId: string | undefined,
) {
  for (const change of changes) {
    expect(["notification", "notice"]).toContain(change.table);
    expect(change.kind).toBe("changed");
    expect(Object.keys(change.columns)).toEqual(["readAt"]);
    expect(before.rows[change.table]!.find((row) => row.id === change.key)?.recipientId).toBe(userId);
  }
}

/** Runs a redirecting action; returns where it went (undefined when it returned without redirecting). */
async function redirectOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    expect(typeof digest === "string" && digest.startsWith("NEXT_REDIRECT"), String(error)).toBe(true);
    return (digest as string).split(";")[2];
  }
}

describe("notification actions under fuzzing", () => {
  it("fuzzes every action the module exports", () => {
    expect(Object.keys(actions).sort()).toEqual(["emailNotificationsAction", "markAllNotificationsReadAction", "openNoticeAction", "openNotificationAction"]);
  });

  it(
    "openNotificationAction goes to the comment or the list, whoever's id it is sent, and marks only the caller's own read",
    async () => {
      const argument = fc.oneof(
        {
          arbitrary: hostileForm({ notificationId: idOf(Object.values(world.notifications), everyId(world)) }).map((fields) => formDataFrom(fields) as unknown),
          weight: 4,
        },
        { arbitrary: fc.oneof(fc.jsonValue(), fc.constantFrom(undefined, null, new Blob(["x"]))), weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(actor, argument, async (who, value) => {
          session.user = await sessionFor(world, who);
          const before = await database.before();
          const location = await redirectOf(() => openNotificationAction(value as FormData));
          expect(location).toMatch(/^\/(signin\?|notifications$|t\/)/);
          expectOnlyOwnNotificationsRead(databaseChanges(before, await database.after()), before, session.user?.id);
        }),
        { numRuns: 40, examples: [["member", formDataFrom({ notificationId: world.notifications.forCarol })]] },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "openNoticeAction goes where the notice points or to the list, whoever's id it is sent, and marks only the caller's own read",
    async () => {
      const argument = fc.oneof(
        {
          arbitrary: hostileForm({ noticeId: idOf(Object.values(world.notices), everyId(world)) }).map((fields) => formDataFrom(fields) as unknown),
          weight: 4,
        },
        { arbitrary: fc.oneof(fc.jsonValue(), fc.constantFrom(undefined, null, new Blob(["x"]))), weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(actor, argument, async (who, value) => {
          session.user = await sessionFor(world, who);
          const before = await database.before();
          const location = await redirectOf(() => openNoticeAction(value as FormData));
          expect(location).toMatch(/^\/(signin\?|notifications$|appeals$)/);
          expectOnlyOwnNotificationsRead(databaseChanges(before, await database.after()), before, session.user?.id);
        }),
        { numRuns: 40, examples: [["member", formDataFrom({ noticeId: world.notices.forCarol })]] },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "markAllNotificationsReadAction marks only the caller's own, whatever it is passed",
    async () => {
      await fc.assert(
        fc.asyncProperty(actor, fc.oneof(fc.jsonValue(), fc.constant(new FormData())), async (who, value) => {
          session.user = await sessionFor(world, who);
          const before = await database.before();
          const location = await redirectOf(() => (markAllNotificationsReadAction as (value: unknown) => Promise<void>)(value));
          if (session.user) expect(location).toBeUndefined();
          else expect(location).toMatch(/^\/signin\?/);
          expectOnlyOwnNotificationsRead(databaseChanges(before, await database.after()), before, session.user?.id);
        }),
        { numRuns: 20 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "emailNotificationsAction changes only the caller's own setting, or refuses in writing and changes nothing",
    async () => {
      const argument = fc.oneof(
        { arbitrary: hostileForm({ emailNotifications: fc.constantFrom("on", "") }).map((fields) => formDataFrom(fields) as unknown), weight: 4 },
        { arbitrary: fc.record({ emailNotifications: hostileField(hostileText) }).map((fields) => formDataFrom(fields) as unknown), weight: 1 },
        { arbitrary: fc.oneof(fc.jsonValue(), fc.constantFrom(undefined, null)), weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(actor, argument, async (who, value) => {
          session.user = await sessionFor(world, who);
          const before = await database.before();
          const answer: Answer = await callActionWith(emailNotificationsAction, value);
          if (!answer.ok) {
            expectClearRefusal(answer);
            await database.expectUnchanged();
            return;
          }
          const changes = databaseChanges(before, await database.after());
          for (const change of changes) {
            expect(change.table).toBe("user");
            expect(change.key).toBe(session.user!.id);
            // (Setting it to what it already was moves only updatedAt.)
            expect(Object.keys(change.columns).filter((column) => !["updatedAt", "emailNotifications"].includes(column))).toEqual([]);
          }
        }),
        { numRuns: 40, examples: [["member", formDataFrom({ emailNotifications: "on", role: "admin", email: "x@example.test" })]] },
      );
      // The signed-out caller is refused with a sentence.
      session.user = null;
      expectClearRefusal(await callAction(emailNotificationsAction, { emailNotifications: "on" }));
    },
    TIMEOUT_MS,
  );
});
