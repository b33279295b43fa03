// The authorization matrix, members' actions (lib/testing/authorization-matrix.ts); then refusals past the guard,
// extra form fields (mass assignment) and acting on someone else's comment by id, in the same world.
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => (await import("@/lib/testing/signed-in")).signedIn.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));

import { revalidatePath } from "next/cache";
import { createCommentAction, deleteCommentAction, editCommentAction, reportAction } from "@/lib/actions/comments";
import { db } from "@/lib/db";
import { overrideEnv } from "@/lib/testing/env";
import { createTestComment, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { signedIn } from "@/lib/testing/signed-in";
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
import {
  call,
  comment,
  describeMatrix,
  expectRefused,
  expectUnchanged,
  snapshot,
  signInAs,
  thread,
  freshWorldForEachTest,
  user,
  world,
  type Action,
  type ActorName,
  type World,
} from "@/lib/testing/authorization-matrix";

freshWorldForEachTest();

describeMatrix("authorization matrix: members' actions", ["participant"]);

describe("refusals past the guard change nothing either", () => {
  it.each<[string, ActorName, Action, (w: World) => Record<string, string>, string | RegExp]>([
    [
      "hide without a reason",
      "moderator",
      moderateCommentAction,
      (w) => ({ commentId: w.comments.toHide, kind: "hide", reason: "  " }),
      "Give a reason: members see it.",
    ],
    ["an unknown moderation kind", "moderator", moderateCommentAction, (w) => ({ commentId: w.comments.toHide, kind: "delete" }), /./],
    [
      "restore a visible comment",
      "moderator",
      moderateCommentAction,
      (w) => ({ commentId: w.comments.toHide, kind: "restore" }),
      "That comment is visible; it cannot be changed that way.",
    ],
    [
      "approve a comment that does not exist",
      "admin",
      moderateCommentAction,
      () => ({ commentId: "nosuchcomment", kind: "approve" }),
      "That comment does not exist.",
    ],
    [
      "dismiss reports on an unreported comment",
      "moderator",
      dismissReportsAction,
      (w) => ({ threadId: w.threads.main, commentId: w.comments.toHide }),
      "There are no open reports on that item.",
    ],
    [
      "lock a locked thread",
      "moderator",
      moderateThreadAction,
      (w) => ({ threadId: w.threads.locked, kind: "lock", reason: "Again" }),
      "That thread is already locked.",
    ],
    [
      "lock with an empty reason",
      "moderator",
      moderateThreadAction,
      (w) => ({ threadId: w.threads.main, kind: "lock", reason: "" }),
      "Give a reason: members see it.",
    ],
    ["lock with no reason field at all", "moderator", moderateThreadAction, (w) => ({ threadId: w.threads.main, kind: "lock" }), /./],
    [
      "a suspension without a reason",
      "moderator",
      suspendUserAction,
      (w) => ({ userId: w.carol.id, duration: "1d", reason: " " }),
      "Give a reason: members see it.",
    ],
    [
      "a moderator suspending an admin",
      "moderator",
      suspendUserAction,
      (w) => ({ userId: w.users.admin!.id, duration: "permanent", reason: "Coup" }),
      "You cannot suspend that account.",
    ],
    [
      "a moderator suspending a moderator",
      "moderator",
      suspendUserAction,
      (w) => ({ userId: w.users["suspended moderator"]!.id, duration: "1d", reason: "r" }),
      "You cannot suspend that account.",
    ],
    [
      "a moderator suspending themselves",
      "moderator",
      suspendUserAction,
      (w) => ({ userId: w.users.moderator!.id, duration: "1d", reason: "r" }),
      "You cannot suspend that account.",
    ],
    [
      "an admin suspending an admin",
      "admin",
      suspendUserAction,
      (w) => ({ userId: w.users["suspended admin"]!.id, duration: "1d", reason: "r" }),
      "You cannot suspend that account.",
    ],
    [
      "a suspension of unknown length",
      "moderator",
      suspendUserAction,
      (w) => ({ userId: w.carol.id, duration: "forever", reason: "r" }),
      "Choose how long the suspension lasts.",
    ],
    ["lifting a suspension that is not there", "moderator", liftSuspensionAction, (w) => ({ userId: w.carol.id }), "That member is not suspended."],
    [
      "a moderator lifting a moderator's suspension",
      "moderator",
      liftSuspensionAction,
      (w) => ({ userId: w.users["suspended moderator"]!.id }),
      "You cannot change that account.",
    ],
    ["an admin changing their own role", "admin", setRoleAction, (w) => ({ userId: w.users.admin!.id, role: "member" }), "You cannot change your own role."],
    ["an unknown role", "admin", setRoleAction, (w) => ({ userId: w.carol.id, role: "superadmin" }), "Choose a role."],
    ["a duplicate filter phrase", "admin", addWordFilterAction, () => ({ phrase: "ExistingPhrase", action: "block" }), "That phrase is already in the filter."],
    ["a one-letter filter phrase", "admin", addWordFilterAction, () => ({ phrase: "x", action: "block" }), "Filter phrases are at least 2 characters."],
    ["removing a filter that does not exist", "admin", removeWordFilterAction, () => ({ id: "nosuchfilter" }), "That filter does not exist."],
    ["an empty comment", "member", createCommentAction, (w) => ({ threadId: w.threads.main, body: "   " }), "Write a comment first."],
    [
      "a comment in a locked thread",
      "member",
      createCommentAction,
      (w) => ({ threadId: w.threads.locked, body: "Let me in" }),
      "This thread is locked: no new comments or edits.",
    ],
    [
      "a report without a reason",
      "member",
      reportAction,
      (w) => ({ threadId: w.threads.main, commentId: w.comments.toReport }),
      "Choose a reason for the report.",
    ],
  ])("%s (as %s)", async (_name, actor, action, form, message) => {
    await signInAs(world, actor);
    const before = await snapshot();
    expectRefused(await call(action, form(world)), message);
    // Comment and report refusals come after the rate limit has spent its point; everything else is untouched.
    const after = await snapshot();
    expect({ ...after.rows, rateLimits: [] }).toEqual({ ...before.rows, rateLimits: [] });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("a member reporting their own comment is refused, storing no report", async () => {
    await signInAs(world, "member");
    const before = await db.report.count();
    expectRefused(
      await call(reportAction, { threadId: world.threads.main, commentId: world.ownComment.member, reason: "spam" }),
      "You cannot report your own comment.",
    );
    expect(await db.report.count()).toBe(before);
  });

  it("a second report on the same item is refused as a duplicate", async () => {
    await signInAs(world, "member");
    const form = { threadId: world.threads.main, commentId: world.comments.toReport, reason: "spam" };
    expect((await call(reportAction, form)).ok).toBe(true);
    expectRefused(await call(reportAction, form), "You have already reported this; a moderator will look at it.");
    expect(await db.report.count({ where: { commentId: world.comments.toReport } })).toBe(1);
  });

  it("a rate-limited member is refused with the wait, and nothing is posted", async () => {
    overrideEnv({ RATE_LIMIT_COMMENT_USER: "1/60" });
    await signInAs(world, "member");
    const form = { threadId: world.threads.main, body: "Quick fire" };
    expect((await call(createCommentAction, form)).ok).toBe(true);
    const result = await call(createCommentAction, form);
    expectRefused(result, /^You're doing that too often\. Try again in (\d+ seconds?|1 minute)\.$/);
    expect(result.values).toEqual({ body: "Quick fire" });
    expect(await db.comment.count({ where: { authorId: world.users.member!.id, body: "Quick fire" } })).toBe(1);
  });
});

describe("extra form fields are ignored (mass assignment)", () => {
  it("createCommentAction: authorId, status, depth, id, createdAt and commentCount from the form are ignored", async () => {
    overrideEnv({ PREMODERATION_FIRST_COMMENTS: "0" });
    await signInAs(world, "member");
    const result = await call(createCommentAction, {
      threadId: world.threads.main,
      body: "Mass assignment attempt",
      authorId: world.carol.id,
      status: "hidden",
      depth: "9",
      id: "chosenid",
      createdAt: "2000-01-01T00:00:00.000Z",
      moderatedById: world.users.admin!.id,
      commentCount: "999",
      role: "admin",
    });
    expect(result.ok).toBe(true);
    const created = await db.comment.findFirstOrThrow({ where: { body: "Mass assignment attempt" } });
    expect(created).toMatchObject({ authorId: world.users.member!.id, status: "visible", depth: 0, moderatedById: null });
    expect(created.id).not.toBe("chosenid");
    expect(created.createdAt.getFullYear()).toBeGreaterThan(2000);
    expect((await user(world.users.member!.id)).role).toBe("member");
  });

  it("createCommentAction: a member's status field cannot skip pre-moderation", async () => {
    overrideEnv({ PREMODERATION_FIRST_COMMENTS: "5" });
    const newcomer = await createTestUser("Newcomer");
    signedIn.user = await currentUserFor(newcomer.id);
    await call(createCommentAction, { threadId: world.threads.main, body: "Let me skip the queue", status: "visible" });
    expect((await db.comment.findFirstOrThrow({ where: { authorId: newcomer.id } })).status).toBe("pending");
  });

  it("editCommentAction: threadId, authorId, status and deletedAt from the form are ignored", async () => {
    await signInAs(world, "member");
    const pending = await createTestComment({ threadId: world.threads.main, authorId: world.users.member!.id, status: "pending", body: "Held" });
    const result = await call(editCommentAction, {
      commentId: pending.id,
      body: "Held, edited",
      threadId: world.threads.other,
      authorId: world.carol.id,
      status: "visible",
      deletedAt: "2030-01-01",
      parentId: world.comments.toReport,
    });
    expect(result.ok).toBe(true);
    expect(await comment(pending.id)).toMatchObject({
      body: "Held, edited",
      threadId: world.threads.main,
      authorId: world.users.member!.id,
      status: "pending",
      deletedAt: null,
      parentId: null,
    });
  });

  it("reportAction: reporterId, status, openKey and resolution from the form are ignored", async () => {
    await signInAs(world, "member");
    await call(reportAction, {
      threadId: world.threads.main,
      commentId: world.comments.toReport,
      reason: "spam",
      reporterId: world.carol.id,
      status: "resolved",
      openKey: "forged",
      resolution: "dismissed",
      resolvedById: world.users.admin!.id,
    });
    const report = await db.report.findFirstOrThrow({ where: { commentId: world.comments.toReport } });
    expect(report).toMatchObject({
      reporterId: world.users.member!.id,
      status: "open",
      openKey: `${world.users.member!.id}:c:${world.comments.toReport}`,
      resolution: null,
      resolvedById: null,
    });
  });

  it("moderateCommentAction: status, authorId, body and moderatedById from the form are ignored", async () => {
    const actorId = await signInAs(world, "moderator");
    await call(moderateCommentAction, {
      commentId: world.comments.toHide,
      kind: "hide",
      reason: "Rude",
      status: "removed",
      authorId: actorId!,
      body: "Rewritten by a moderator",
      moderatedById: world.users.admin!.id,
    });
    expect(await comment(world.comments.toHide)).toMatchObject({
      status: "hidden",
      authorId: world.carol.id,
      body: "To hide",
      moderatedById: actorId,
    });
  });

  it("moderateThreadAction: pinned, title and commentCount from the form are ignored when locking", async () => {
    await signInAs(world, "moderator");
    const before = await thread(world.threads.main);
    await call(moderateThreadAction, { threadId: world.threads.main, kind: "lock", reason: "Heated", pinned: "true", title: "Hijacked", commentCount: "0" });
    expect(await thread(world.threads.main)).toEqual({ ...before, locked: true, lockReason: "Heated" });
  });

  it("suspendUserAction: role, suspendedPermanently and suspendedUntil from the form are ignored", async () => {
    await signInAs(world, "moderator");
    await call(suspendUserAction, {
      userId: world.carol.id,
      duration: "1d",
      reason: "Cool off",
      role: "admin",
      suspendedPermanently: "true",
      suspendedUntil: "2099-01-01",
    });
    const carol = await user(world.carol.id);
    expect(carol).toMatchObject({ role: "member", suspendedPermanently: false, suspensionReason: "Cool off" });
    expect(carol.suspendedUntil!.getTime()).toBeLessThan(Date.now() + 2 * 24 * 60 * 60 * 1000);
  });

  it("setRoleAction: suspension and profile fields from the form are ignored", async () => {
    await signInAs(world, "admin");
    const before = await user(world.dave.id);
    await call(setRoleAction, { userId: world.dave.id, role: "moderator", suspendedPermanently: "false", name: "Renamed", email: "x@example.test" });
    const after = await user(world.dave.id);
    expect(after).toEqual({ ...before, role: "moderator", updatedAt: after.updatedAt });
  });

  it("addWordFilterAction: createdById from the form is ignored", async () => {
    const actorId = await signInAs(world, "admin");
    await call(addWordFilterAction, { phrase: "sneaky", action: "queue", createdById: world.carol.id, id: "chosenid" });
    const filter = await db.wordFilter.findUniqueOrThrow({ where: { phrase: "sneaky" } });
    expect(filter.createdById).toBe(actorId);
    expect(filter.id).not.toBe("chosenid");
  });
});

describe("acting on someone else's comment by id (IDOR)", () => {
  it.each<[string, ActorName, Action, (w: World) => Record<string, string>]>([
    ["a member editing another member's comment", "member", editCommentAction, (w) => ({ commentId: w.comments.toReport, body: "Hijacked" })],
    ["a member deleting another member's comment", "member", deleteCommentAction, (w) => ({ commentId: w.comments.toReport })],
    ["a member deleting it, claiming to be its author", "member", deleteCommentAction, (w) => ({ commentId: w.comments.toReport, authorId: w.carol.id })],
    [
      "a member editing it, claiming to be its author",
      "member",
      editCommentAction,
      (w) => ({ commentId: w.comments.toReport, authorId: w.carol.id, body: "Hijacked" }),
    ],
    ["a member editing a comment awaiting review", "member", editCommentAction, (w) => ({ commentId: w.comments.toApprove, body: "Hijacked" })],
    ["a moderator editing a member's comment", "moderator", editCommentAction, (w) => ({ commentId: w.comments.toReport, body: "Moderated words" })],
    ["an admin deleting a member's comment", "admin", deleteCommentAction, (w) => ({ commentId: w.comments.toReport })],
    ["a member editing an admin's comment", "member", editCommentAction, (w) => ({ commentId: w.ownComment.admin, body: "Hijacked" })],
    ["a member deleting a comment that does not exist", "member", deleteCommentAction, () => ({ commentId: "nosuchcomment" })],
  ])("%s is refused and changes nothing", async (_name, actor, action, form) => {
    await signInAs(world, actor);
    const before = await snapshot();
    expectRefused(await call(action, form(world)), "You can only change your own comments.");
    if (action === editCommentAction) {
      // An edit's refusal comes after the edit limit has spent the caller's own point (as a post's does).
      const after = await snapshot();
      expect({ ...after.rows, rateLimits: [] }).toEqual({ ...before.rows, rateLimits: [] });
    } else await expectUnchanged(before);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("an author cannot edit their own comment once a moderator has hidden it", async () => {
    await signInAs(world, "member");
    const own = await createTestComment({ threadId: world.threads.main, authorId: world.users.member!.id, status: "hidden", body: "Hidden words" });
    const before = await snapshot();
    expectRefused(await call(editCommentAction, { commentId: own.id, body: "Sneaky fix" }), "You can only change your own comments.");
    const after = await snapshot();
    expect({ ...after.rows, rateLimits: [] }).toEqual({ ...before.rows, rateLimits: [] });
  });

  it("a reply cannot be attached to a comment from another thread", async () => {
    await signInAs(world, "member");
    const before = await snapshot();
    expectRefused(
      await call(createCommentAction, { threadId: world.threads.other, parentId: world.comments.toReport, body: "Cross-thread reply" }),
      "The comment you are replying to is not in this thread.",
    );
    const after = await snapshot();
    expect({ ...after.rows, rateLimits: [] }).toEqual({ ...before.rows, rateLimits: [] });
  });

  it("a report naming a comment with another thread's id is refused", async () => {
    await signInAs(world, "member");
    const before = await db.report.count();
    expectRefused(
      await call(reportAction, { threadId: world.threads.other, commentId: world.comments.toReport, reason: "spam" }),
      "That comment does not exist.",
    );
    expect(await db.report.count()).toBe(before);
  });
});
