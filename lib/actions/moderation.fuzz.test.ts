// Property-based fuzzing of the moderation and admin actions: whatever a client sends, as whoever, the answer is
// a written refusal or a success, never a thrown error (a 500); a caller without the role is refused whatever
// the form says; a refusal leaves the database as it was; a success writes only what its action may, and logs it.
// getCurrentUser() is mocked (it needs a Next request) to return a real user's session; the rest is real.
import fc from "fast-check";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { db } from "@/lib/db";
import {
  callAction,
  callActionWith,
  databaseChanges,
  DatabaseTracker,
  expectClearRefusal,
  type Action,
  type DatabaseState,
  type Fields,
  type RowChange,
} from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, everyId, sessionFor, type ActionWorld, type ActorName } from "@/lib/testing/action-world";
import { hostileForm, hostileText, idOf } from "@/lib/testing/hostile-input";
import * as actions from "@/lib/actions/moderation";
import * as appealActions from "@/lib/actions/appeal-decisions";
import * as slowModeActions from "@/lib/actions/slow-mode";
import {
  addWordFilterAction,
  dismissReportsAction,
  liftSuspensionAction,
  moderateCommentAction,
  moderateThreadAction,
  removeWordFilterAction,
  setRoleAction,
  suspendUserAction,
} from "@/lib/actions/moderation";
import { expectCountersMatchRecount } from "@/lib/testing/counters";

const NUM_RUNS = 40;
// Generous: the runs take a few seconds on an idle machine, several times that on a busy one.
const TIMEOUT_MS = 180_000;

type Guard = "moderator" | "admin";

type Case = {
  action: Action;
  guard: Guard;
  form: (w: ActionWorld) => fc.Arbitrary<Fields>;
  /** A form that succeeds, tried first (as a moderator or admin), so every run proves both sides of the property. */
  example: (w: ActionWorld) => Fields;
  /** The tables a success may write (the moderation log always gets exactly one row). */
  writes: string[];
  /** More that a success must satisfy. */
  onSuccess?: (changes: RowChange[], actorId: string, before: DatabaseState) => void;
};

const reason = fc.oneof(hostileText, fc.constantFrom("Rude", "Spam", ""));
const commentIds = (w: ActionWorld) => idOf(Object.values(w.comments), everyId(w));
const threadIds = (w: ActionWorld) => idOf(Object.values(w.threads), everyId(w));
const userIds = (w: ActionWorld) =>
  idOf(
    [...Object.values(w.users), ...Object.values(w.others)].map((u) => u.id),
    everyId(w),
  );

/** A user row a success changed: never the caller's own, and only in these columns. */
function expectUserChanges(changes: RowChange[], actorId: string, columns: string[]) {
  for (const change of changes.filter((c) => c.table === "user")) {
    expect(change.kind).toBe("changed");
    expect(change.key).not.toBe(actorId);
    expect(Object.keys(change.columns).filter((c) => !columns.includes(c) && c !== "updatedAt")).toEqual([]);
  }
}

const SUSPENSION_COLUMNS = ["suspendedUntil", "suspendedPermanently", "suspensionReason"];

const CASES: Record<string, Case> = {
  moderateCommentAction: {
    action: moderateCommentAction,
    example: (w) => ({ commentId: w.comments.carolVisible, kind: "hide", reason: "Rude" }),
    guard: "moderator",
    form: (w) => hostileForm({ commentId: commentIds(w), kind: fc.constantFrom("hide", "remove", "restore", "approve"), reason }),
    writes: ["comment", "thread", "report", "notification", "notice"],
    onSuccess: (changes) => {
      const moderated = changes.filter((c) => c.table === "comment" && "status" in c.columns);
      expect(moderated).toHaveLength(1);
      expect(Object.keys(moderated[0]!.columns).filter((c) => ["body", "authorId", "threadId", "parentId", "deletedAt"].includes(c))).toEqual([]);
    },
  },
  dismissReportsAction: {
    action: dismissReportsAction,
    example: (w) => ({ threadId: w.threads.main, commentId: w.comments.carolReported }),
    guard: "moderator",
    form: (w) => hostileForm({ threadId: threadIds(w), commentId: fc.oneof(fc.constant(""), commentIds(w)), reason }),
    writes: ["report", "notice"],
  },
  moderateThreadAction: {
    action: moderateThreadAction,
    example: (w) => ({ threadId: w.threads.main, kind: "lock", reason: "Heated" }),
    guard: "moderator",
    form: (w) => hostileForm({ threadId: threadIds(w), kind: fc.constantFrom("lock", "unlock", "pin", "unpin"), reason }),
    writes: ["thread"],
    onSuccess: (changes) => {
      for (const change of changes.filter((c) => c.table === "thread")) {
        expect(Object.keys(change.columns).filter((c) => !["locked", "lockReason", "pinned"].includes(c))).toEqual([]);
      }
    },
  },
  suspendUserAction: {
    action: suspendUserAction,
    example: (w) => ({ userId: w.others.carol.id, duration: "1d", reason: "Cool off", commentId: w.comments.carolReported }),
    guard: "moderator",
    form: (w) =>
      hostileForm({
        userId: userIds(w),
        duration: fc.constantFrom("1d", "7d", "30d", "permanent"),
        reason,
        commentId: fc.oneof(fc.constant(""), commentIds(w)),
      }),
    writes: ["user", "report", "notice"],
    onSuccess: (changes, actorId) => expectUserChanges(changes, actorId, SUSPENSION_COLUMNS),
  },
  liftSuspensionAction: {
    action: liftSuspensionAction,
    example: (w) => ({ userId: w.others.dave.id }),
    guard: "moderator",
    form: (w) => hostileForm({ userId: userIds(w), reason }),
    writes: ["user"],
    onSuccess: (changes, actorId) => expectUserChanges(changes, actorId, SUSPENSION_COLUMNS),
  },
  setRoleAction: {
    action: setRoleAction,
    example: (w) => ({ userId: w.others.erin.id, role: "moderator" }),
    guard: "admin",
    form: (w) => hostileForm({ userId: userIds(w), role: fc.constantFrom("member", "moderator", "admin") }),
    writes: ["user"],
    onSuccess: (changes, actorId) => expectUserChanges(changes, actorId, ["role"]),
  },
  addWordFilterAction: {
    action: addWordFilterAction,
    example: () => ({ phrase: "brand new", action: "queue" }),
    guard: "admin",
    form: () => hostileForm({ phrase: fc.oneof(hostileText, fc.constantFrom("ExistingPhrase", "brand new")), action: fc.constantFrom("block", "queue") }),
    writes: ["wordFilter"],
  },
  decideAppealAction: {
    action: appealActions.decideAppealAction,
    example: (w) => ({ appealId: w.appeals.open, kind: "overturned", reason: "Fine after all" }),
    guard: "moderator",
    form: (w) => hostileForm({ appealId: idOf(Object.values(w.appeals), everyId(w)), kind: fc.constantFrom("upheld", "overturned"), reason }),
    writes: ["appeal", "comment", "thread", "notification", "notice"],
    onSuccess: (changes, actorId) => {
      const decided = changes.filter((c) => c.table === "appeal");
      expect(decided).toHaveLength(1);
      expect(decided[0]!.columns.decidedById!.to).toBe(actorId);
      expectUserChanges(changes, actorId, SUSPENSION_COLUMNS);
    },
  },
  setSlowModeAction: {
    action: slowModeActions.setSlowModeAction,
    example: (w) => ({ threadId: w.threads.main, kind: "on", reason: "Heated" }),
    guard: "moderator",
    form: (w) => hostileForm({ threadId: threadIds(w), kind: fc.constantFrom("on", "off"), reason }),
    writes: ["thread"],
    onSuccess: (changes) => {
      for (const change of changes.filter((c) => c.table === "thread")) {
        expect(Object.keys(change.columns).filter((c) => !["slowModeManual", "slowModeUntil", "slowModeSince"].includes(c))).toEqual([]);
      }
    },
  },
  removeWordFilterAction: {
    action: removeWordFilterAction,
    example: (w) => ({ id: w.filterId }),
    guard: "admin",
    form: (w) => hostileForm({ id: idOf([w.filterId], everyId(w)) }),
    writes: ["wordFilter"],
  },
};

// Decided here from the caller's row, not with lib/permissions, so the test does not grade the code with itself.
function mayAct(user: CurrentUser | null, guard: Guard): boolean {
  if (!user || user.suspension) return false;
  return guard === "admin" ? user.role === "admin" : user.role === "moderator" || user.role === "admin";
}
const GUARD_MESSAGE: Record<Guard, string> = { moderator: "Only moderators can do that.", admin: "Only admins can do that." };

const actor = fc.oneof({ arbitrary: fc.constantFrom(...ACTORS), weight: 1 }, { arbitrary: fc.constantFrom<ActorName>("moderator", "admin"), weight: 2 });

let world: ActionWorld;
const database = new DatabaseTracker();
const outcomes = { accepted: 0, refused: 0 };

async function checkOneCall(c: Case, who: ActorName, fields: Fields) {
  // Read fresh: an earlier run may have suspended or demoted this actor.
  session.user = await sessionFor(world, who);
  const before = await database.before();
  const answer = await callAction(c.action, fields);

  if (!mayAct(session.user, c.guard)) {
    expectClearRefusal(answer);
    expect(answer.message).toBe(GUARD_MESSAGE[c.guard]);
    await database.expectUnchanged();
    outcomes.refused++;
    return;
  }
  if (!answer.ok) {
    expectClearRefusal(answer);
    await database.expectUnchanged();
    outcomes.refused++;
    return;
  }
  const changes = databaseChanges(before, await database.after());
  for (const change of changes) expect([...c.writes, "moderationLog"]).toContain(change.table);
  const logged = changes.filter((change) => change.table === "moderationLog");
  expect(logged).toHaveLength(1);
  expect(logged[0]!.kind).toBe("added");
  expect(logged[0]!.columns.moderatorId!.to).toBe(session.user!.id);
  c.onSuccess?.(changes, session.user!.id, before);
  outcomes.accepted++;
}

async function freshWorld() {
  await db.wordFilter.deleteMany({});
  world = await buildActionWorld();
  database.reset();
  outcomes.accepted = outcomes.refused = 0;
}

// Whatever the runs did to comments and votes, the stored counters still equal a recount (lib/queries/counters.ts).
afterEach(expectCountersMatchRecount);

describe("moderation and admin actions under fuzzing", () => {
  it("fuzzes every action the module exports", () => {
    expect(Object.keys(CASES).sort()).toEqual([...Object.keys(actions), ...Object.keys(appealActions), ...Object.keys(slowModeActions)].sort());
  });

  // Every action gets a fresh world: a run that demotes or suspends someone must not starve the next action.
  beforeEach(freshWorld);

  it.each(Object.entries(CASES))(
    "%s answers every form from every caller with a refusal or a logged success, and a refusal changes nothing",
    async (_name, c) => {
      await fc.assert(
        fc.asyncProperty(actor, c.form(world), (who, fields) => checkOneCall(c, who, fields)),
        { numRuns: NUM_RUNS, examples: [[c.guard === "admin" ? "admin" : "moderator", c.example(world)]] },
      );
      expect(outcomes.accepted).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(outcomes.accepted);
    },
    TIMEOUT_MS,
  );
});

describe("moderation and admin actions given something other than a form", () => {
  beforeAll(freshWorld);

  const notAForm = fc.oneof(fc.jsonValue(), fc.date(), fc.constantFrom(undefined, null, new Map([["kind", "hide"]]), new Blob(["kind=hide"]), { get: "kind" }));

  it.each(Object.entries(CASES))(
    "%s refuses any value that is not a form, changing nothing",
    async (_name, c) => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom<ActorName>("moderator", "admin", "member"), notAForm, async (who, value) => {
          session.user = await sessionFor(world, who);
          await database.before();
          expectClearRefusal(await callActionWith(c.action, value));
          await database.expectUnchanged();
        }),
        { numRuns: 10 },
      );
    },
    TIMEOUT_MS,
  );
});
