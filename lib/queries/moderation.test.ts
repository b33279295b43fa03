import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { CommentStatus, Role } from "@/lib/generated/prisma/enums";
import { createTestAdmin, createTestComment, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { deleteComment } from "./comment-writes";
import { canOfferSuspension, canSuspend } from "@/lib/permissions";
import {
  dismissReports,
  isCounted,
  liftSuspension,
  moderateComment,
  moderateThread,
  ModerationError,
  setUserRole,
  suspendUser,
  type CommentModeration,
  type SuspensionDuration,
} from "./moderation";
import { createReport } from "./reports";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

let threadId: string;
let otherThreadId: string;
let mod: TestUser;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

beforeEach(async () => {
  [threadId, otherThreadId] = (await createTestThreads(2)) as [string, string];
  mod = await createTestModerator("Mod");
  admin = await createTestAdmin("Admin");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  carol = await createTestUser("Carol");
});

const DAY_MS = 24 * 60 * 60 * 1000;

async function commentCount(id = threadId) {
  return (await db.thread.findUniqueOrThrow({ where: { id }, select: { commentCount: true } })).commentCount;
}

/** What commentCount must equal: the thread's comments that count (isCounted), recounted from scratch. */
async function recount(id = threadId) {
  const comments = await db.comment.findMany({ where: { threadId: id }, select: { status: true, deletedAt: true } });
  return comments.filter((c) => isCounted(c.status, c.deletedAt)).length;
}

async function logCount() {
  return db.moderationLog.count();
}

/** Runs `action` and returns the single ModerationLog row it wrote (failing unless it wrote exactly one). */
async function onlyNewLogRow(action: () => Promise<unknown>) {
  const before = await db.moderationLog.findMany({ select: { id: true } });
  await action();
  const after = await db.moderationLog.findMany({ where: { id: { notIn: before.map((r) => r.id) } } });
  expect(after).toHaveLength(1);
  return after[0]!;
}

/** Everything a moderation action could touch, to prove a refused one touched nothing. */
async function snapshot() {
  const [comments, threads, users, reports, logs] = await Promise.all([
    db.comment.findMany({ orderBy: { id: "asc" } }),
    db.thread.findMany({ orderBy: { id: "asc" } }),
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.report.findMany({ orderBy: { id: "asc" } }),
    db.moderationLog.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { comments, threads, users, reports, logs };
}

async function expectRefusedWithoutChange(action: () => Promise<unknown>, code: ModerationError["code"], message?: RegExp) {
  const before = await snapshot();
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModerationError);
  expect((error as ModerationError).code).toBe(code);
  if (message) expect((error as ModerationError).message).toMatch(message);
  expect(await snapshot()).toEqual(before);
}

async function openReportsOn(commentId: string, reporters: TestUser[]) {
  // Written directly: a comment can be pending with open reports (reported, then edited back into review), but
  // createReport refuses a new report on someone else's pending comment, which its reporter cannot see.
  for (const reporter of reporters) {
    await db.report.create({ data: { reporterId: reporter.id, threadId, commentId, reason: "spam", openKey: `${reporter.id}:c:${commentId}` } });
  }
}

describe("moderateComment", () => {
  it.each<[string, CommentModeration, CommentStatus, CommentStatus, number, boolean]>([
    // name, kind, from, to, commentCount change, keeps the reason
    ["hide a visible comment", "hide", "visible", "hidden", 0, true],
    ["hide a pending comment", "hide", "pending", "hidden", 1, true],
    ["remove a visible comment", "remove", "visible", "removed", -1, true],
    ["remove a hidden comment", "remove", "hidden", "removed", -1, true],
    ["reject (remove) a pending comment", "remove", "pending", "removed", 0, true],
    ["restore a hidden comment", "restore", "hidden", "visible", 0, false],
    ["restore a removed comment", "restore", "removed", "visible", 1, false],
    ["approve a pending comment", "approve", "pending", "visible", 1, false],
  ])("%s: %s moves %s → %s, count changes by %i, one log row", async (_name, kind, from, to, delta, keepsReason) => {
    const comment = await createTestComment({ threadId, authorId: alice.id, status: from });
    const countBefore = await commentCount();

    const log = await onlyNewLogRow(() => moderateComment({ moderatorId: mod.id, commentId: comment.id, kind, reason: "Because" }));

    const stored = await db.comment.findUniqueOrThrow({ where: { id: comment.id } });
    expect(stored.status).toBe(to);
    expect(stored.moderatedById).toBe(mod.id);
    expect(stored.moderatedAt).toBeInstanceOf(Date);
    expect(stored.moderationReason).toBe(keepsReason ? "Because" : null);
    expect(await commentCount()).toBe(countBefore + delta);
    expect(await commentCount()).toBe(await recount());
    expect(log).toMatchObject({
      moderatorId: mod.id,
      action: `${kind}_comment`,
      targetType: "comment",
      targetId: comment.id,
      targetUserId: alice.id,
      reason: "Because",
    });
  });

  it("hide → restore: hidden with its reason, then visible again with the reason cleared; the count never moves", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    expect(await commentCount()).toBe(1);

    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "hide", reason: "Off-topic" });
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ status: "hidden", moderationReason: "Off-topic" });
    expect(await commentCount()).toBe(1);

    await moderateComment({ moderatorId: admin.id, commentId: comment.id, kind: "restore" });
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({
      status: "visible",
      moderationReason: null,
      moderatedById: admin.id,
    });
    expect(await commentCount()).toBe(1);

    const logs = await db.moderationLog.findMany({ where: { targetId: comment.id } });
    expect(logs).toHaveLength(2);
    expect(logs.find((l) => l.action === "hide_comment")).toMatchObject({ moderatorId: mod.id, reason: "Off-topic" });
    expect(logs.find((l) => l.action === "restore_comment")).toMatchObject({ moderatorId: admin.id, reason: null });
  });

  it("remove → restore: the comment leaves the count and comes back to it", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "remove", reason: "Spam" });
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ status: "removed", moderationReason: "Spam" });
    expect(await commentCount()).toBe(0);

    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "restore", reason: "Appeal accepted" });
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ status: "visible", moderationReason: null });
    expect(await commentCount()).toBe(1);
    expect(await db.moderationLog.count({ where: { targetId: comment.id } })).toBe(2);
  });

  it("closes ALL open reports on the comment, and only those", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    const other = await createTestComment({ threadId, authorId: alice.id });
    await openReportsOn(comment.id, [bob, carol, mod]);
    await openReportsOn(other.id, [bob]);
    await createReport({ reporterId: bob.id, threadId, reason: "off_topic" });

    await moderateComment({ moderatorId: admin.id, commentId: comment.id, kind: "hide", reason: "Rude" });

    const closed = await db.report.findMany({ where: { commentId: comment.id } });
    expect(closed).toHaveLength(3);
    for (const report of closed) {
      expect(report).toMatchObject({ status: "resolved", openKey: null, resolution: "hide_comment", resolvedById: admin.id });
      expect(report.resolvedAt).toBeInstanceOf(Date);
    }
    expect(await db.report.count({ where: { commentId: other.id, status: "open" } })).toBe(1);
    expect(await db.report.count({ where: { threadId, commentId: null, status: "open" } })).toBe(1);
  });

  it("keeps commentCount right through hide, remove, restore, approve and delete", async () => {
    const steps: [string, () => Promise<unknown>][] = [];
    const a = await createTestComment({ threadId, authorId: alice.id });
    const b = await createTestComment({ threadId, authorId: bob.id });
    const c = await createTestComment({ threadId, authorId: carol.id, status: "pending" });
    const d = await createTestComment({ threadId, authorId: alice.id, status: "pending" });
    const e = await createTestComment({ threadId, authorId: bob.id });
    await createTestComment({ threadId: otherThreadId, authorId: bob.id });
    expect(await commentCount()).toBe(3);

    const act = (commentId: string, kind: CommentModeration) => () => moderateComment({ moderatorId: mod.id, commentId, kind, reason: "r" });
    steps.push(
      ["hide a", act(a.id, "hide")], // 3
      ["remove b", act(b.id, "remove")], // 2
      ["approve c", act(c.id, "approve")], // 3
      ["reject d", act(d.id, "remove")], // 3
      ["remove a (hidden)", act(a.id, "remove")], // 2
      ["restore b", act(b.id, "restore")], // 3
      ["restore d", act(d.id, "restore")], // 4
      ["author deletes e", () => deleteComment({ commentId: e.id, authorId: bob.id })], // 3
      ["author deletes c", () => deleteComment({ commentId: c.id, authorId: carol.id })], // 2
    );
    const expected = [3, 2, 3, 3, 2, 3, 4, 3, 2];
    for (const [i, [name, step]] of steps.entries()) {
      await step();
      expect(await commentCount(), name).toBe(expected[i]);
      expect(await commentCount(), name).toBe(await recount());
    }
    expect(await commentCount(otherThreadId)).toBe(1);
  });

  it("an author deleting their own pending comment does not move the count", async () => {
    const pending = await createTestComment({ threadId, authorId: alice.id, status: "pending" });
    await createTestComment({ threadId, authorId: alice.id });
    await deleteComment({ commentId: pending.id, authorId: alice.id });
    expect(await commentCount()).toBe(1);
    expect(await recount()).toBe(1);
  });

  it.each<[string, CommentStatus, CommentModeration]>([
    ["restore a visible comment", "visible", "restore"],
    ["restore a pending comment", "pending", "restore"],
    ["approve a visible comment", "visible", "approve"],
    ["approve a hidden comment", "hidden", "approve"],
    ["approve a removed comment", "removed", "approve"],
    ["hide a hidden comment", "hidden", "hide"],
    ["hide a removed comment", "removed", "hide"],
    ["remove a removed comment", "removed", "remove"],
  ])("refuses to %s and changes nothing", async (_name, status, kind) => {
    const comment = await createTestComment({ threadId, authorId: alice.id, status });
    await openReportsOn(comment.id, [bob]);
    await expectRefusedWithoutChange(
      () => moderateComment({ moderatorId: mod.id, commentId: comment.id, kind, reason: "r" }),
      "conflict",
      new RegExp(`That comment is ${status}`),
    );
  });

  it("refuses to moderate a comment its author deleted, or one that does not exist", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await deleteComment({ commentId: comment.id, authorId: alice.id });
    await expectRefusedWithoutChange(() => moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "remove", reason: "r" }), "conflict");
    await expectRefusedWithoutChange(() => moderateComment({ moderatorId: mod.id, commentId: "nosuchcomment", kind: "hide", reason: "r" }), "not_found");
  });
});

describe("dismissReports", () => {
  it("closes every open report on a comment as dismissed, leaving the comment alone, with one log row", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await openReportsOn(comment.id, [bob, carol]);
    await createReport({ reporterId: bob.id, threadId, reason: "off_topic" });

    const log = await onlyNewLogRow(() => dismissReports({ moderatorId: mod.id, threadId, commentId: comment.id, reason: "Fine as is" }));

    expect(log).toMatchObject({
      moderatorId: mod.id,
      action: "dismiss_reports",
      targetType: "comment",
      targetId: comment.id,
      reason: "Fine as is",
      detail: "2 report(s) closed",
    });
    const reports = await db.report.findMany({ where: { commentId: comment.id } });
    expect(reports.every((r) => r.status === "resolved" && r.openKey === null && r.resolution === "dismissed" && r.resolvedById === mod.id)).toBe(true);
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ status: "visible", moderatedById: null });
    // The thread-level report is a different item.
    expect(await db.report.count({ where: { threadId, commentId: null, status: "open" } })).toBe(1);
  });

  it("closes thread-level reports without touching reports on the thread's comments", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await openReportsOn(comment.id, [bob]);
    await createReport({ reporterId: bob.id, threadId, reason: "off_topic" });
    await createReport({ reporterId: carol.id, threadId, reason: "misinformation" });

    const log = await onlyNewLogRow(() => dismissReports({ moderatorId: mod.id, threadId }));
    expect(log).toMatchObject({ action: "dismiss_reports", targetType: "thread", targetId: threadId, detail: "2 report(s) closed" });
    expect(await db.report.count({ where: { threadId, commentId: null, status: "open" } })).toBe(0);
    expect(await db.report.count({ where: { commentId: comment.id, status: "open" } })).toBe(1);
  });

  it("refuses when there is nothing open, and logs nothing", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await expectRefusedWithoutChange(() => dismissReports({ moderatorId: mod.id, threadId, commentId: comment.id }), "conflict", /no open reports/);
    await expectRefusedWithoutChange(() => dismissReports({ moderatorId: mod.id, threadId }), "conflict");
  });
});

describe("moderateThread", () => {
  async function thread() {
    return db.thread.findUniqueOrThrow({ where: { id: threadId } });
  }

  it("lock → unlock: records the lock reason, then clears it, one log row each", async () => {
    const lockLog = await onlyNewLogRow(() => moderateThread({ moderatorId: mod.id, threadId, kind: "lock", reason: "Heated" }));
    expect(await thread()).toMatchObject({ locked: true, lockReason: "Heated", pinned: false });
    expect(lockLog).toMatchObject({
      moderatorId: mod.id,
      action: "lock_thread",
      targetType: "thread",
      targetId: threadId,
      reason: "Heated",
      targetUserId: null,
    });

    const unlockLog = await onlyNewLogRow(() => moderateThread({ moderatorId: admin.id, threadId, kind: "unlock", reason: "Calmer now" }));
    expect(await thread()).toMatchObject({ locked: false, lockReason: null });
    expect(unlockLog).toMatchObject({ moderatorId: admin.id, action: "unlock_thread", targetId: threadId, reason: "Calmer now" });
  });

  it("pin → unpin, one log row each, leaving the lock alone", async () => {
    const pinLog = await onlyNewLogRow(() => moderateThread({ moderatorId: mod.id, threadId, kind: "pin" }));
    expect(await thread()).toMatchObject({ pinned: true, locked: false });
    expect(pinLog).toMatchObject({ action: "pin_thread", targetType: "thread", targetId: threadId, reason: null });

    const unpinLog = await onlyNewLogRow(() => moderateThread({ moderatorId: mod.id, threadId, kind: "unpin", reason: "Done" }));
    expect(await thread()).toMatchObject({ pinned: false });
    expect(unpinLog).toMatchObject({ action: "unpin_thread", reason: "Done" });
  });

  it.each([
    ["lock a locked thread", { locked: true }, "lock", /already locked/],
    ["unlock an unlocked thread", {}, "unlock", /already unlocked/],
    ["pin a pinned thread", { pinned: true }, "pin", /already pinned/],
    ["unpin an unpinned thread", {}, "unpin", /already unpinned/],
  ] as const)("refuses to %s and changes nothing", async (_name, state, kind, message) => {
    await db.thread.update({ where: { id: threadId }, data: { ...state, lockReason: "locked" in state ? "Original" : null } });
    await expectRefusedWithoutChange(() => moderateThread({ moderatorId: mod.id, threadId, kind, reason: "Again" }), "conflict", message);
  });

  it("refuses an unknown thread", async () => {
    await expectRefusedWithoutChange(() => moderateThread({ moderatorId: mod.id, threadId: "nosuchthread", kind: "lock", reason: "r" }), "not_found");
  });
});

describe("suspendUser and liftSuspension", () => {
  async function suspensionOf(id: string) {
    return db.user.findUniqueOrThrow({
      where: { id },
      select: { suspendedUntil: true, suspendedPermanently: true, suspensionReason: true, role: true },
    });
  }

  it.each<[SuspensionDuration, number | null]>([
    ["1d", 1],
    ["7d", 7],
    ["30d", 30],
    ["permanent", null],
  ])("a %s suspension sets the right end, with one log row", async (duration, days) => {
    const start = Date.now();
    const log = await onlyNewLogRow(() => suspendUser({ moderator: mod, userId: alice.id, duration, reason: "Spamming" }));
    const end = Date.now();

    const stored = await suspensionOf(alice.id);
    expect(stored.suspensionReason).toBe("Spamming");
    if (days === null) {
      expect(stored.suspendedPermanently).toBe(true);
      expect(stored.suspendedUntil).toBeNull();
      expect(log.detail).toBe("permanent");
    } else {
      expect(stored.suspendedPermanently).toBe(false);
      const until = stored.suspendedUntil!.getTime();
      expect(until).toBeGreaterThanOrEqual(start + days * DAY_MS);
      expect(until).toBeLessThanOrEqual(end + days * DAY_MS);
      expect(log.detail).toBe(`${days} day(s), until ${stored.suspendedUntil!.toISOString()}`);
    }
    expect(log).toMatchObject({
      moderatorId: mod.id,
      action: "suspend_user",
      targetType: "user",
      targetId: alice.id,
      targetUserId: alice.id,
      reason: "Spamming",
    });
  });

  it("suspend → lift: the account is back to normal, one log row each", async () => {
    await suspendUser({ moderator: mod, userId: alice.id, duration: "permanent", reason: "Abuse" });
    const log = await onlyNewLogRow(() => liftSuspension({ moderator: mod, userId: alice.id, reason: "Appeal" }));
    expect(await suspensionOf(alice.id)).toEqual({ suspendedUntil: null, suspendedPermanently: false, suspensionReason: null, role: "member" });
    expect(log).toMatchObject({
      moderatorId: mod.id,
      action: "lift_suspension",
      targetType: "user",
      targetId: alice.id,
      targetUserId: alice.id,
      reason: "Appeal",
    });
  });

  it("a new suspension replaces the old one (permanent → 1 day)", async () => {
    await suspendUser({ moderator: mod, userId: alice.id, duration: "permanent", reason: "First" });
    await suspendUser({ moderator: mod, userId: alice.id, duration: "1d", reason: "Reduced" });
    const stored = await suspensionOf(alice.id);
    expect(stored.suspendedPermanently).toBe(false);
    expect(stored.suspendedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(stored.suspensionReason).toBe("Reduced");
  });

  it("closes the open reports on the comment that prompted it", async () => {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    await openReportsOn(comment.id, [bob, carol]);
    await suspendUser({ moderator: mod, userId: alice.id, duration: "7d", reason: "Harassment", commentId: comment.id });
    const reports = await db.report.findMany({ where: { commentId: comment.id } });
    expect(reports.map((r) => [r.status, r.openKey, r.resolution, r.resolvedById])).toEqual([
      ["resolved", null, "suspend_user", mod.id],
      ["resolved", null, "suspend_user", mod.id],
    ]);
    expect(await db.moderationLog.count({ where: { targetId: alice.id } })).toBe(1);
  });

  it("refuses to lift a suspension that is not there, changing nothing", async () => {
    await expectRefusedWithoutChange(() => liftSuspension({ moderator: mod, userId: alice.id }), "conflict", /not suspended/);
  });

  it("refuses to lift a suspension that has already run out, changing nothing", async () => {
    await db.user.update({ where: { id: alice.id }, data: { suspendedUntil: new Date(Date.now() - 60_000), suspensionReason: "Old" } });
    await expectRefusedWithoutChange(() => liftSuspension({ moderator: mod, userId: alice.id }), "conflict", /not suspended/);
  });

  it("refuses unknown accounts", async () => {
    await expectRefusedWithoutChange(() => suspendUser({ moderator: mod, userId: "nosuchuser", duration: "1d", reason: "r" }), "not_found");
    await expectRefusedWithoutChange(() => liftSuspension({ moderator: mod, userId: "nosuchuser" }), "not_found");
  });

  describe("canSuspend", () => {
    const user = (id: string, role: Role) => ({ id, role });
    it.each([
      // actor, target, may suspend, actor row, target row
      ["a moderator", "a member", true, user("m", "moderator"), user("x", "member")],
      ["a moderator", "another moderator", false, user("m", "moderator"), user("x", "moderator")],
      ["a moderator", "an admin", false, user("m", "moderator"), user("x", "admin")],
      ["a moderator", "themselves", false, user("m", "moderator"), user("m", "moderator")],
      ["an admin", "a member", true, user("a", "admin"), user("x", "member")],
      ["an admin", "a moderator", true, user("a", "admin"), user("x", "moderator")],
      ["an admin", "another admin", false, user("a", "admin"), user("x", "admin")],
      ["an admin", "themselves", false, user("a", "admin"), user("a", "admin")],
    ] as const)("%s suspending %s → %s", (_actor, _target, expected, actor, target) => {
      expect(canSuspend(actor, target)).toBe(expected);
    });

    it("suspendUser enforces it against the database, changing nothing when refused", async () => {
      const otherMod = await createTestModerator("Other mod");
      const otherAdmin = await createTestAdmin("Other admin");
      for (const [actor, target] of [
        [mod, otherMod],
        [mod, admin],
        [mod, mod],
        [admin, otherAdmin],
        [admin, admin],
      ] as const) {
        await expectRefusedWithoutChange(
          () => suspendUser({ moderator: actor, userId: target.id, duration: "permanent", reason: "r" }),
          "forbidden",
          /cannot suspend/,
        );
      }
      await suspendUser({ moderator: admin, userId: otherMod.id, duration: "1d", reason: "Admin may" });
      expect((await suspensionOf(otherMod.id)).suspendedUntil).not.toBeNull();
    });

    it("the Suspend control is offered exactly where the server accepts the suspension", async () => {
      for (const actor of [mod, admin]) {
        for (const role of ["member", "moderator", "editor", "admin"] as const) {
          const target = await createTestUser(`Target ${actor.role} ${role}`, { role });
          const offered = canOfferSuspension({ ...actor, suspension: null }, target);
          const accepted = await suspendUser({ moderator: actor, userId: target.id, duration: "1d", reason: "r" }).then(
            () => true,
            (error) => (error instanceof ModerationError && error.code === "forbidden" ? false : Promise.reject(error)),
          );
          expect(accepted, `${actor.role} suspending a ${role}`).toBe(offered);
        }
        const self = canOfferSuspension({ ...actor, suspension: null }, actor);
        expect(self).toBe(false);
      }
    });

    it("uses the target's role from the database, not a stale one", async () => {
      // Alice was promoted: a moderator may no longer suspend her.
      await db.user.update({ where: { id: alice.id }, data: { role: "moderator" } });
      await expectRefusedWithoutChange(() => suspendUser({ moderator: mod, userId: alice.id, duration: "1d", reason: "r" }), "forbidden");
    });

    it("liftSuspension follows the same rules: a moderator cannot lift a moderator's suspension, an admin can", async () => {
      const otherMod = await createTestModerator("Suspended mod", { suspended: "permanent" });
      await expectRefusedWithoutChange(() => liftSuspension({ moderator: mod, userId: otherMod.id }), "forbidden", /cannot change/);
      await liftSuspension({ moderator: admin, userId: otherMod.id });
      expect(await suspensionOf(otherMod.id)).toMatchObject({ suspendedPermanently: false, suspendedUntil: null });
    });
  });
});

describe("setUserRole", () => {
  it("grants and revokes roles, one log row each with the change in its detail", async () => {
    const grant = await onlyNewLogRow(() => setUserRole({ adminId: admin.id, userId: alice.id, role: "moderator", reason: "Trusted" }));
    expect((await db.user.findUniqueOrThrow({ where: { id: alice.id } })).role).toBe("moderator");
    expect(grant).toMatchObject({
      moderatorId: admin.id,
      action: "set_role",
      targetType: "user",
      targetId: alice.id,
      targetUserId: alice.id,
      reason: "Trusted",
      detail: "member → moderator",
    });

    const revoke = await onlyNewLogRow(() => setUserRole({ adminId: admin.id, userId: alice.id, role: "member" }));
    expect((await db.user.findUniqueOrThrow({ where: { id: alice.id } })).role).toBe("member");
    expect(revoke.detail).toBe("moderator → member");
  });

  it("refuses an admin's own role, an unchanged role and an unknown account, changing nothing", async () => {
    await expectRefusedWithoutChange(() => setUserRole({ adminId: admin.id, userId: admin.id, role: "member" }), "forbidden", /your own role/);
    await expectRefusedWithoutChange(() => setUserRole({ adminId: admin.id, userId: alice.id, role: "member" }), "conflict", /already member/);
    await expectRefusedWithoutChange(() => setUserRole({ adminId: admin.id, userId: "nosuchuser", role: "admin" }), "not_found");
  });
});

// Raw SQL without placeholders (ids are cuids: letters and digits), so it runs unchanged on SQLite and PostgreSQL.
describe("the ModerationLog table is append-only", () => {
  async function oneLogRow() {
    const comment = await createTestComment({ threadId, authorId: alice.id });
    return onlyNewLogRow(() => moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "hide", reason: "Original reason" }));
  }

  it("refuses UPDATE, leaving the row as written", async () => {
    const row = await oneLogRow();
    await expect(db.$executeRawUnsafe(`UPDATE "ModerationLog" SET "reason" = 'rewritten' WHERE "id" = '${row.id}'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`UPDATE "ModerationLog" SET "moderatorId" = '${admin.id}'`)).rejects.toThrow(/append-only/);
    await expect(db.moderationLog.update({ where: { id: row.id }, data: { reason: "rewritten" } })).rejects.toThrow(/append-only/);
    expect(await db.moderationLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("refuses DELETE, leaving every row in place", async () => {
    const row = await oneLogRow();
    const before = await logCount();
    await expect(db.$executeRawUnsafe(`DELETE FROM "ModerationLog" WHERE "id" = '${row.id}'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "ModerationLog"`)).rejects.toThrow(/append-only/);
    await expect(db.moderationLog.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await logCount()).toBe(before);
    expect(await db.moderationLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("cannot be emptied by deleting the moderator or the member it names", async () => {
    const row = await oneLogRow();
    await expect(db.user.delete({ where: { id: mod.id } })).rejects.toThrow();
    await expect(db.user.delete({ where: { id: alice.id } })).rejects.toThrow();
    expect(await db.moderationLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });
});
