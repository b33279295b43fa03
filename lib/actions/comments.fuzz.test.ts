// Property-based fuzzing of the member actions (post, edit, delete, report): whatever a client sends, the answer
// is a written refusal or a success, never a thrown error (a 500), and a refusal leaves the database as it was.
// getCurrentUser() is mocked (it needs a Next request) to return a real user's session; the rest is real.
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));

import {
  callAction,
  callActionWith,
  databaseChanges,
  type DatabaseState,
  DatabaseTracker,
  expectClearRefusal,
  formDataFrom,
  type Action,
  type Fields,
} from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, everyId, sessionFor, type ActionWorld, type ActorName } from "@/lib/testing/action-world";
import { hostileForm, hostileText, idOf } from "@/lib/testing/hostile-input";
import { createCommentSchema, deleteCommentSchema, editCommentSchema, voteSchema } from "@/lib/validations/comment";
import { REPORT_REASONS, reportSchema } from "@/lib/validations/moderation";
import type { z } from "zod";
import * as appealActions from "@/lib/actions/appeals";
import { fileAppealSchema } from "@/lib/validations/appeal";
import * as actions from "@/lib/actions/comments";
import { createCommentAction, deleteCommentAction, editCommentAction, reportAction, voteAction } from "@/lib/actions/comments";
import { useEnv } from "@/lib/testing/env";
import { expectCountersMatchRecount } from "@/lib/testing/counters";

// Limits out of the way: these tests are about other refusals.
useEnv({
  RATE_LIMIT_COMMENT_USER: "100000/60",
  RATE_LIMIT_EDIT_USER: "100000/60",
  RATE_LIMIT_COMMENT_IP: "100000/60",
  RATE_LIMIT_REPORT_USER: "100000/60",
  RATE_LIMIT_REPORT_IP: "100000/60",
});

const NUM_RUNS = 50;
// Generous: the runs take a few seconds on an idle machine, several times that on a busy one.
const TIMEOUT_MS = 180_000;

let world: ActionWorld;
const database = new DatabaseTracker();

beforeAll(async () => {
  // Limits high enough that a run is refused for what it sent, not for how often (rate limits have their own tests).
  world = await buildActionWorld();
});

const actor = fc.oneof({ arbitrary: fc.constantFrom(...ACTORS), weight: 1 }, { arbitrary: fc.constantFrom<ActorName>("member", "moderator"), weight: 1 });
const threadIds = (w: ActionWorld) => idOf(Object.values(w.threads), everyId(w));
const commentIds = (w: ActionWorld) => idOf(Object.values(w.comments), everyId(w));
const bodyText = fc.oneof(hostileText, fc.constantFrom("A fine comment", "  padded  ", "existingphrase here"));

const authorOf = (state: DatabaseState, commentId: string) => state.rows.comment!.find((row) => row.id === commentId)?.authorId;

type Case = {
  action: Action;
  schema: z.ZodType;
  form: (w: ActionWorld) => fc.Arbitrary<Fields>;
  /** Forms every run tries first, as a member: inputs that once ended in a 500, and at least one that succeeds. */
  examples: (w: ActionWorld) => Fields[];
  /** What a success may have written, checked on every accepted run. */
  onSuccess: (w: ActionWorld, actorId: string, changes: Changes, before: DatabaseState) => void;
};

type Changes = ReturnType<typeof databaseChanges>;

// What no member action may touch, whatever it was sent: other people's accounts, moderation, the threads' state.
const UNTOUCHABLE_TABLES = ["user", "account", "session", "article", "moderationLog", "wordFilter"];
const UNTOUCHABLE_THREAD_COLUMNS = ["locked", "lockReason", "pinned", "title", "summary", "excerpt", "position", "articleId", "createdAt"];
// A comment's identity, place and moderation are never the author's to change (counters and paths may move).
const FIXED_COMMENT_COLUMNS = ["id", "threadId", "authorId", "parentId", "depth", "createdAt", "moderationReason", "moderatedById", "moderatedAt"];

function expectMemberSizedChanges(changes: Changes) {
  for (const change of changes) {
    expect(UNTOUCHABLE_TABLES).not.toContain(change.table);
    if (change.table === "thread") expect(Object.keys(change.columns).filter((c) => UNTOUCHABLE_THREAD_COLUMNS.includes(c))).toEqual([]);
    if (change.table === "comment" && change.kind === "changed") {
      expect(Object.keys(change.columns).filter((c) => FIXED_COMMENT_COLUMNS.includes(c))).toEqual([]);
    }
    expect(change.kind).not.toBe("removed");
  }
}

/** The one comment the action wrote (added, or edited/deleted: its body or deletedAt moved), among counter updates. */
function writtenComment(changes: Changes) {
  const written = changes.filter((c) => c.table === "comment" && (c.kind === "added" || "body" in c.columns || "deletedAt" in c.columns));
  expect(written).toHaveLength(1);
  return written[0]!;
}

const CASES: Record<string, Case> = {
  voteAction: {
    action: voteAction,
    schema: voteSchema,
    form: (w) => hostileForm({ commentId: commentIds(w) }),
    examples: (w) => [{ commentId: w.comments.carolVisible }, { commentId: w.comments.carolHidden }, { commentId: w.comments.ownVisible }],
    onSuccess: (_w, actorId, changes, before) => {
      // One vote of the caller's own, given or taken back, and the score of a comment that is not theirs.
      for (const change of changes) expect(["commentVote", "comment"]).toContain(change.table);
      const votes = changes.filter((c) => c.table === "commentVote");
      expect(votes).toHaveLength(1);
      const vote = votes[0]!.columns;
      expect(vote.userId!.to ?? vote.userId!.from).toBe(actorId);
      const scored = changes.filter((c) => c.table === "comment");
      expect(scored.map((c) => Object.keys(c.columns))).toEqual([["score"]]);
      expect(authorOf(before, scored[0]!.key)).not.toBe(actorId);
    },
  },
  createCommentAction: {
    action: createCommentAction,
    schema: createCommentSchema,
    form: (w) => hostileForm({ threadId: threadIds(w), parentId: fc.oneof(fc.constant(""), commentIds(w)), body: bodyText }),
    examples: (w) => [
      { threadId: w.threads.main, body: "a NUL\u0000 PostgreSQL cannot store" },
      { threadId: w.threads.main, body: "a lone surrogate \ud800 Prisma cannot send" },
      { threadId: w.threads.main, parentId: w.comments.carolVisible, body: "\u0000\u0001" },
    ],
    onSuccess: (_w, actorId, changes) => {
      expectMemberSizedChanges(changes);
      const added = writtenComment(changes);
      expect(added.kind).toBe("added");
      expect(added.columns.authorId!.to).toBe(actorId);
      expect(["visible", "pending"]).toContain(added.columns.status!.to);
    },
  },
  editCommentAction: {
    action: editCommentAction,
    schema: editCommentSchema,
    form: (w) => hostileForm({ commentId: commentIds(w), body: bodyText }),
    examples: (w) => [
      { commentId: w.comments.ownVisible, body: "edited with a NUL\u0000" },
      { commentId: w.comments.ownVisible, body: "edited with \udfff" },
    ],
    onSuccess: (_w, actorId, changes, before) => {
      expectMemberSizedChanges(changes);
      const edited = writtenComment(changes);
      expect(edited.kind).toBe("changed");
      expect(authorOf(before, edited.key)).toBe(actorId);
    },
  },
  deleteCommentAction: {
    action: deleteCommentAction,
    schema: deleteCommentSchema,
    form: (w) => hostileForm({ commentId: commentIds(w) }),
    examples: (w) => [
      { commentId: w.comments.carolVisible },
      { commentId: [w.comments.carolVisible, w.comments.ownPending] },
      { commentId: w.comments.ownPending },
    ],
    onSuccess: (_w, actorId, changes, before) => {
      expectMemberSizedChanges(changes);
      const deleted = writtenComment(changes);
      expect(deleted.columns.deletedAt!.to).toBeInstanceOf(Date);
      expect(authorOf(before, deleted.key)).toBe(actorId);
    },
  },
  reportAction: {
    action: reportAction,
    schema: reportSchema,
    form: (w) =>
      hostileForm({
        threadId: threadIds(w),
        commentId: fc.oneof(fc.constant(""), commentIds(w)),
        reason: fc.oneof(fc.constantFrom(...REPORT_REASONS), hostileText),
        note: hostileText,
      }),
    examples: (w) => [
      { threadId: w.threads.main, commentId: w.comments.carolVisible, reason: "spam", note: "NUL\u0000" },
      { threadId: w.threads.other, reason: "other", note: "\ud800" },
    ],
    onSuccess: (_w, actorId, changes) => {
      for (const change of changes) expect(["report", "rateLimiterFlexible", "notification"]).toContain(change.table);
      const added = changes.filter((c) => c.table === "report");
      expect(added).toHaveLength(1);
      expect(added[0]!.columns.reporterId!.to).toBe(actorId);
      expect(added[0]!.columns.status!.to).toBe("open");
    },
  },
};

// Appealing is a member's action too (open to a suspended member): one appeal of a decision that fell on the caller.
CASES.fileAppealAction = {
  action: appealActions.fileAppealAction,
  schema: fileAppealSchema,
  form: (w) => hostileForm({ logId: idOf(Object.values(w.logs), everyId(w)), body: bodyText }),
  examples: (w) => [{ logId: w.logs.memberHidden, body: "NUL\u0000 and \ud800" }],
  onSuccess: (w, actorId, changes) => {
    expect(changes.map((c) => [c.table, c.kind])).toEqual([["appeal", "added"]]);
    const added = changes[0]!.columns;
    expect(added.appellantId!.to).toBe(actorId);
    expect(added.status!.to).toBe("open");
    expect(Object.values(w.logs)).toContain(added.logId!.to);
  },
};

const outcomes = { accepted: 0, refused: 0 };

async function checkOneCall(c: Case, who: ActorName, fields: Fields) {
  session.user = await sessionFor(world, who);
  const before = await database.before();
  const formData = formDataFrom(fields);
  // A form the schema refuses must not even spend a rate-limit point; one it accepts may, before a later refusal.
  const passesSchema = c.schema.safeParse(Object.fromEntries(formData)).success;

  const answer = await callAction(c.action, formData);

  if (answer.ok) {
    expect(session.user, "a signed-out caller was let through").not.toBeNull();
    expect(passesSchema).toBe(true);
    c.onSuccess(world, session.user!.id, databaseChanges(before, await database.after()), before);
    outcomes.accepted++;
    return;
  }
  outcomes.refused++;
  expectClearRefusal(answer);
  await database.expectUnchanged({ except: passesSchema ? ["rateLimiterFlexible"] : [] });
}

// Whatever the runs did to comments and votes, the stored counters still equal a recount (lib/queries/counters.ts).
afterEach(expectCountersMatchRecount);

describe("member actions under fuzzing", () => {
  it("fuzzes every action the module exports", () => {
    expect(Object.keys(CASES).sort()).toEqual([...Object.keys(actions), ...Object.keys(appealActions)].sort());
  });

  it.each(Object.entries(CASES))(
    "%s answers every form with a refusal or a success, and a refusal changes nothing",
    async (_name, c) => {
      outcomes.accepted = outcomes.refused = 0;
      await fc.assert(
        fc.asyncProperty(actor, c.form(world), (who, fields) => checkOneCall(c, who, fields)),
        { numRuns: NUM_RUNS, examples: c.examples(world).map((fields) => ["member", fields] as [ActorName, Fields]) },
      );
      // Both sides of the property were exercised: some forms got through to the database, most were refused.
      expect(outcomes.accepted).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(outcomes.accepted);
    },
    TIMEOUT_MS,
  );

  // React decodes an action's arguments from the request: a hand-made one can put any serializable value where
  // the FormData belongs.
  const notAForm = fc.oneof(
    fc.jsonValue(),
    fc.date(),
    fc.bigInt(),
    fc.constantFrom(undefined, null, new Map([["body", "hi"]]), new Set(["body"]), new Blob(["body=hi"]), { get: "body" }, ["body", "hi"]),
  );

  it.each(Object.entries(CASES))(
    "%s refuses any value that is not a form, changing nothing",
    async (_name, c) => {
      await fc.assert(
        fc.asyncProperty(actor, notAForm, async (who, value) => {
          session.user = await sessionFor(world, who);
          await database.before();
          expectClearRefusal(await callActionWith(c.action, value));
          await database.expectUnchanged();
        }),
        { numRuns: 15 },
      );
    },
    TIMEOUT_MS,
  );
});
