// The authorization matrix's world and cases: every moderation, admin, editor and member server action, called as
// every kind of caller (lib/actions/moderation*.test.ts). getCurrentUser() is the auth boundary (it needs a Next
// request): each test file mocks it to return `signedIn.user` (lib/testing/signed-in.ts), a CurrentUser built from
// a real database row; everything below it (Prisma, the database, its triggers) is real. Each test gets a fresh
// world; the worlds of the file's earlier tests stay in its database, and a refusal must leave every row of them
// unchanged too, so the files share the cases between them to keep that growing snapshot small.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { revalidatePath } from "next/cache";
import { createCommentAction, deleteCommentAction, editCommentAction, reportAction } from "@/lib/actions/comments";
import { db } from "@/lib/db";
import { randomUUID } from "node:crypto";
import * as editorActions from "@/lib/actions/editor";
import { parseArticleText } from "@/lib/article-import";
import { createDraftArticle, publishArticle, setArticleAnswers } from "@/lib/queries/editor";
import { createReport } from "@/lib/queries/reports";
import { EDITOR_ARTICLE } from "@/lib/testing/action-world";
import { useEnv } from "@/lib/testing/env";
import { createTestAdmin, createTestComment, createTestThreads, createTestUser, currentUserFor, type TestUserOptions } from "@/lib/testing/factories";
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

export type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

// ---------------------------------------------------------------------------------------------------------------
// Callers and what each guard answers them

export const ACTORS = [
  "anonymous",
  "member",
  "suspended member",
  "moderator",
  "suspended moderator",
  "editor",
  "suspended editor",
  "admin",
  "suspended admin",
] as const;
export type ActorName = (typeof ACTORS)[number];

export const ALLOWED = "allowed";
export const MODERATORS_ONLY = "Only moderators can do that.";
export const ADMINS_ONLY = "Only admins can do that.";
export const EDITORS_ONLY = "Only editors can do that.";
export const SIGNED_OUT = "Your session has ended. Sign in again to continue.";
export const SUSPENDED = /^Your account is suspended (until .+ UTC|permanently)\. You can still read the discussion\. Reason: /;
export type Outcome = typeof ALLOWED | string | RegExp;

export type Guard = "moderator" | "admin" | "editor" | "participant";

export const EXPECTED: Record<Guard, Record<ActorName, Outcome>> = {
  moderator: {
    anonymous: MODERATORS_ONLY,
    member: MODERATORS_ONLY,
    "suspended member": MODERATORS_ONLY,
    moderator: ALLOWED,
    "suspended moderator": MODERATORS_ONLY,
    editor: MODERATORS_ONLY,
    "suspended editor": MODERATORS_ONLY,
    admin: ALLOWED,
    "suspended admin": MODERATORS_ONLY,
  },
  admin: {
    anonymous: ADMINS_ONLY,
    member: ADMINS_ONLY,
    "suspended member": ADMINS_ONLY,
    moderator: ADMINS_ONLY,
    "suspended moderator": ADMINS_ONLY,
    editor: ADMINS_ONLY,
    "suspended editor": ADMINS_ONLY,
    admin: ALLOWED,
    "suspended admin": ADMINS_ONLY,
  },
  // Editors write and publish articles; admins can do all an editor does; moderators cannot.
  editor: {
    anonymous: EDITORS_ONLY,
    member: EDITORS_ONLY,
    "suspended member": EDITORS_ONLY,
    moderator: EDITORS_ONLY,
    "suspended moderator": EDITORS_ONLY,
    editor: ALLOWED,
    "suspended editor": EDITORS_ONLY,
    admin: ALLOWED,
    "suspended admin": EDITORS_ONLY,
  },
  participant: {
    anonymous: SIGNED_OUT,
    member: ALLOWED,
    "suspended member": SUSPENDED,
    moderator: ALLOWED,
    "suspended moderator": SUSPENDED,
    editor: ALLOWED,
    "suspended editor": SUSPENDED,
    admin: ALLOWED,
    "suspended admin": SUSPENDED,
  },
};

// ---------------------------------------------------------------------------------------------------------------
// A fresh world for every test

export type World = Awaited<ReturnType<typeof buildWorld>>;
export type Ctx = World & { actorId: string | null };

export async function buildWorld() {
  const [mainThread, lockedThread, pinnedThread, otherThread] = (await createTestThreads(4)) as [string, string, string, string];
  await db.thread.update({ where: { id: lockedThread }, data: { locked: true, lockReason: "Cooling off" } });
  await db.thread.update({ where: { id: pinnedThread }, data: { pinned: true } });

  const soon = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
  const actorOptions: Record<Exclude<ActorName, "anonymous">, TestUserOptions> = {
    member: {},
    "suspended member": { suspended: soon, suspensionReason: "Spamming" },
    moderator: { role: "moderator" },
    "suspended moderator": { role: "moderator", suspended: "permanent", suspensionReason: "Abuse of powers" },
    editor: { role: "editor" },
    "suspended editor": { role: "editor", suspended: soon, suspensionReason: "Published spam" },
    admin: { role: "admin" },
    "suspended admin": { role: "admin", suspended: soon, suspensionReason: "Compromised account" },
  };
  const users = {} as Record<ActorName, { id: string } | null>;
  const ownComment = {} as Record<ActorName, string>;
  users.anonymous = null;

  const carol = await createTestUser("Carol"); // the author moderation acts on
  const dave = await createTestUser("Dave", { suspended: "permanent", suspensionReason: "Old offence" }); // a suspension to lift
  const erin = await createTestUser("Erin"); // a reporter
  const owner = await createTestAdmin("Owner"); // created the existing word filter

  for (const [name, options] of Object.entries(actorOptions) as [Exclude<ActorName, "anonymous">, TestUserOptions][]) {
    const user = await createTestUser(name, options);
    users[name] = user;
    ownComment[name] = (await createTestComment({ threadId: mainThread, authorId: user.id, body: `Written by ${name}` })).id;
  }

  const comment = async (status: "visible" | "hidden" | "pending", body: string) =>
    (await createTestComment({ threadId: mainThread, authorId: carol.id, status, body })).id;
  const toHide = await comment("visible", "To hide");
  const toRemove = await comment("visible", "To remove");
  const hidden = await comment("hidden", "Hidden");
  const toApprove = await comment("pending", "Awaiting approval");
  const toReject = await comment("pending", "Awaiting rejection");
  const reported = await comment("visible", "Reported");
  const toReport = await comment("visible", "Everyone may report this");
  ownComment.anonymous = toReport;
  const reportId = (await createReport({ reporterId: erin.id, threadId: mainThread, commentId: reported, reason: "spam" })).id;
  const filter = await db.wordFilter.create({ data: { phrase: "existingphrase", action: "queue", createdById: owner.id }, select: { id: true } });

  return {
    threads: { main: mainThread, locked: lockedThread, pinned: pinnedThread, other: otherThread },
    users,
    carol,
    dave,
    erin,
    ownComment,
    comments: { toHide, toRemove, hidden, toApprove, toReject, reported, toReport },
    reportId,
    filterId: filter.id,
    article: await editorsArticle(),
  };
}

/** A draft and a published article for the editors' actions, written by another editor. */
export async function editorsArticle() {
  const author = await createTestUser("Other editor", { role: "editor" });
  const make = (slug: string) =>
    createDraftArticle({ editorId: author.id, seed: parseArticleText(EDITOR_ARTICLE, { slug: `${slug}-${randomUUID()}`, source: "Test" }) });
  const draft = await make("draft");
  const published = await make("published");
  await publishArticle({ editorId: author.id, articleId: published.id });
  const points = async (articleId: string) =>
    (await db.thread.findMany({ where: { articleId }, orderBy: { position: "asc" }, select: { id: true } })).map((t) => t.id);
  // A third, published article the draft answers (its points can be linked to this one's).
  const answered = await make("answered");
  await publishArticle({ editorId: author.id, articleId: answered.id });
  await setArticleAnswers({ editorId: author.id, articleId: draft.id, answersId: answered.id, kind: "follow_up" });
  return {
    draft: draft.id,
    published: published.id,
    answered: answered.id,
    draftPoints: await points(draft.id),
    publishedPoints: await points(published.id),
    answeredPoints: await points(answered.id),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

export function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

export type Result = ActionState & { redirectedTo?: string };

/** Calls a server action; redirect() on success throws NEXT_REDIRECT, which counts as success. */
export async function call(action: Action, fields: Record<string, string>): Promise<Result> {
  try {
    return await action({ ok: true }, formData(fields));
  } catch (error) {
    const digest = (error as { digest?: unknown })?.digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { ok: true, redirectedTo: digest.split(";")[2] };
    throw error;
  }
}

export async function signInAs(world: World, actor: ActorName) {
  const user = world.users[actor];
  signedIn.user = user ? await currentUserFor(user.id) : null;
  return user?.id ?? null;
}

/** Every row an action could write, in full: a refusal must leave all of it unchanged. */
export async function snapshot() {
  const [comments, threads, users, reports, moderationLog, wordFilters, rateLimits, articles] = await Promise.all([
    db.comment.findMany({ orderBy: { id: "asc" } }),
    db.thread.findMany({ orderBy: { id: "asc" } }),
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.report.findMany({ orderBy: { id: "asc" } }),
    db.moderationLog.findMany({ orderBy: { id: "asc" } }),
    db.wordFilter.findMany({ orderBy: { id: "asc" } }),
    db.rateLimiterFlexible.findMany({ orderBy: { key: "asc" } }),
    db.article.findMany({ orderBy: { id: "asc" } }),
  ]);
  const rows = { comments, threads, users, reports, moderationLog, wordFilters, rateLimits, articles };
  const counts = Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));
  return { counts, rows };
}

export async function expectUnchanged(before: Awaited<ReturnType<typeof snapshot>>) {
  const after = await snapshot();
  expect(after.counts).toEqual(before.counts);
  expect(after.rows).toEqual(before.rows);
}

export function expectRefused(result: Result, message: string | RegExp) {
  expect(result.ok).toBe(false);
  expect(result.redirectedTo).toBeUndefined();
  if (typeof message === "string") expect(result.message).toBe(message);
  else expect(result.message).toMatch(message);
}

export async function expectOneLog(ctx: Ctx, action: string, targetId: string) {
  const rows = await db.moderationLog.findMany({ where: { moderatorId: ctx.actorId!, targetId } });
  expect(rows.map((row) => row.action)).toEqual([action]);
}

export const comment = (id: string) => db.comment.findUniqueOrThrow({ where: { id } });
export const thread = (id: string) => db.thread.findUniqueOrThrow({ where: { id } });
export const user = (id: string) => db.user.findUniqueOrThrow({ where: { id } });

// ---------------------------------------------------------------------------------------------------------------
// Every action: its guard, a valid form, and what success must have done

export type Case = {
  name: string;
  guard: Guard;
  action: Action;
  form: (ctx: Ctx) => Record<string, string>;
  verify: (ctx: Ctx, result: Result) => Promise<void>;
};

export const CASES: Case[] = [
  {
    name: "moderateCommentAction hide",
    guard: "moderator",
    action: moderateCommentAction,
    form: (w) => ({ commentId: w.comments.toHide, kind: "hide", reason: "Rude" }),
    verify: async (w, result) => {
      expect(result.message).toBe("Comment hidden.");
      expect(await comment(w.comments.toHide)).toMatchObject({ status: "hidden", moderationReason: "Rude", moderatedById: w.actorId });
      await expectOneLog(w, "hide_comment", w.comments.toHide);
    },
  },
  {
    name: "moderateCommentAction remove",
    guard: "moderator",
    action: moderateCommentAction,
    form: (w) => ({ commentId: w.comments.toRemove, kind: "remove", reason: "Spam" }),
    verify: async (w) => {
      expect(await comment(w.comments.toRemove)).toMatchObject({ status: "removed", moderatedById: w.actorId });
      await expectOneLog(w, "remove_comment", w.comments.toRemove);
    },
  },
  {
    name: "moderateCommentAction restore",
    guard: "moderator",
    action: moderateCommentAction,
    form: (w) => ({ commentId: w.comments.hidden, kind: "restore" }),
    verify: async (w) => {
      expect(await comment(w.comments.hidden)).toMatchObject({ status: "visible", moderatedById: w.actorId });
      await expectOneLog(w, "restore_comment", w.comments.hidden);
    },
  },
  {
    name: "moderateCommentAction approve",
    guard: "moderator",
    action: moderateCommentAction,
    form: (w) => ({ commentId: w.comments.toApprove, kind: "approve" }),
    verify: async (w) => {
      expect(await comment(w.comments.toApprove)).toMatchObject({ status: "visible" });
      await expectOneLog(w, "approve_comment", w.comments.toApprove);
    },
  },
  {
    name: "moderateCommentAction remove (reject a pending comment)",
    guard: "moderator",
    action: moderateCommentAction,
    form: (w) => ({ commentId: w.comments.toReject, kind: "remove", reason: "Not on topic" }),
    verify: async (w) => {
      expect(await comment(w.comments.toReject)).toMatchObject({ status: "removed" });
      await expectOneLog(w, "remove_comment", w.comments.toReject);
    },
  },
  {
    name: "dismissReportsAction",
    guard: "moderator",
    action: dismissReportsAction,
    form: (w) => ({ threadId: w.threads.main, commentId: w.comments.reported, reason: "Fine" }),
    verify: async (w) => {
      expect(await db.report.findUniqueOrThrow({ where: { id: w.reportId } })).toMatchObject({
        status: "resolved",
        resolution: "dismissed",
        resolvedById: w.actorId,
      });
      expect(await comment(w.comments.reported)).toMatchObject({ status: "visible" });
      await expectOneLog(w, "dismiss_reports", w.comments.reported);
    },
  },
  {
    name: "moderateThreadAction lock",
    guard: "moderator",
    action: moderateThreadAction,
    form: (w) => ({ threadId: w.threads.main, kind: "lock", reason: "Heated" }),
    verify: async (w) => {
      expect(await thread(w.threads.main)).toMatchObject({ locked: true, lockReason: "Heated" });
      await expectOneLog(w, "lock_thread", w.threads.main);
    },
  },
  {
    name: "moderateThreadAction unlock",
    guard: "moderator",
    action: moderateThreadAction,
    form: (w) => ({ threadId: w.threads.locked, kind: "unlock" }),
    verify: async (w) => {
      expect(await thread(w.threads.locked)).toMatchObject({ locked: false, lockReason: null });
      await expectOneLog(w, "unlock_thread", w.threads.locked);
    },
  },
  {
    name: "moderateThreadAction pin",
    guard: "moderator",
    action: moderateThreadAction,
    form: (w) => ({ threadId: w.threads.main, kind: "pin" }),
    verify: async (w) => {
      expect(await thread(w.threads.main)).toMatchObject({ pinned: true });
      await expectOneLog(w, "pin_thread", w.threads.main);
    },
  },
  {
    name: "moderateThreadAction unpin",
    guard: "moderator",
    action: moderateThreadAction,
    form: (w) => ({ threadId: w.threads.pinned, kind: "unpin" }),
    verify: async (w) => {
      expect(await thread(w.threads.pinned)).toMatchObject({ pinned: false });
      await expectOneLog(w, "unpin_thread", w.threads.pinned);
    },
  },
  {
    name: "suspendUserAction",
    guard: "moderator",
    action: suspendUserAction,
    form: (w) => ({ userId: w.carol.id, duration: "7d", reason: "Repeated abuse" }),
    verify: async (w) => {
      const carol = await user(w.carol.id);
      expect(carol.suspendedUntil!.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 60 * 60 * 1000);
      expect(carol).toMatchObject({ suspendedPermanently: false, suspensionReason: "Repeated abuse" });
      await expectOneLog(w, "suspend_user", w.carol.id);
    },
  },
  {
    name: "liftSuspensionAction",
    guard: "moderator",
    action: liftSuspensionAction,
    form: (w) => ({ userId: w.dave.id, reason: "Served" }),
    verify: async (w) => {
      expect(await user(w.dave.id)).toMatchObject({ suspendedPermanently: false, suspendedUntil: null, suspensionReason: null });
      await expectOneLog(w, "lift_suspension", w.dave.id);
    },
  },
  {
    name: "setRoleAction",
    guard: "admin",
    action: setRoleAction,
    form: (w) => ({ userId: w.carol.id, role: "moderator" }),
    verify: async (w, result) => {
      expect(result.message).toBe("Role changed to moderator.");
      expect((await user(w.carol.id)).role).toBe("moderator");
      await expectOneLog(w, "set_role", w.carol.id);
    },
  },
  {
    name: "addWordFilterAction",
    guard: "admin",
    action: addWordFilterAction,
    form: () => ({ phrase: "  BrandNew Phrase ", action: "block" }),
    verify: async (w) => {
      const filter = await db.wordFilter.findUniqueOrThrow({ where: { phrase: "brandnew phrase" } });
      expect(filter).toMatchObject({ action: "block", createdById: w.actorId });
      await expectOneLog(w, "add_word_filter", filter.id);
    },
  },
  {
    name: "removeWordFilterAction",
    guard: "admin",
    action: removeWordFilterAction,
    form: (w) => ({ id: w.filterId }),
    verify: async (w) => {
      expect(await db.wordFilter.findUnique({ where: { id: w.filterId } })).toBeNull();
      await expectOneLog(w, "remove_word_filter", w.filterId);
    },
  },
  {
    name: "createCommentAction",
    guard: "participant",
    action: createCommentAction,
    form: (w) => ({ threadId: w.threads.main, parentId: "", body: "A brand-new comment" }),
    verify: async (w, result) => {
      const created = await db.comment.findFirstOrThrow({ where: { authorId: w.actorId!, body: "A brand-new comment" } });
      expect(created).toMatchObject({ threadId: w.threads.main, status: "visible", depth: 0 });
      expect(result.redirectedTo).toBe(`/t/${w.threads.main}?at=${created.id}#c-${created.id}`);
    },
  },
  {
    name: "editCommentAction (own comment)",
    guard: "participant",
    action: editCommentAction,
    form: (w) => ({ commentId: actorsComment(w), body: "Edited by its author" }),
    verify: async (w, result) => {
      const edited = await comment(actorsComment(w));
      expect(edited.body).toBe("Edited by its author");
      expect(edited.editedAt).toBeInstanceOf(Date);
      expect(result.redirectedTo).toContain(edited.id);
    },
  },
  {
    name: "deleteCommentAction (own comment)",
    guard: "participant",
    action: deleteCommentAction,
    form: (w) => ({ commentId: actorsComment(w) }),
    verify: async (w) => {
      expect(await comment(actorsComment(w))).toMatchObject({ body: "" });
      expect((await comment(actorsComment(w))).deletedAt).toBeInstanceOf(Date);
    },
  },
  {
    name: "reportAction",
    guard: "participant",
    action: reportAction,
    form: (w) => ({ threadId: w.threads.main, commentId: w.comments.toReport, reason: "spam", note: "Looks like spam" }),
    verify: async (w, result) => {
      expect(result.message).toBe("Thanks. A moderator will review your report.");
      expect(await db.report.findFirstOrThrow({ where: { reporterId: w.actorId!, commentId: w.comments.toReport } })).toMatchObject({
        status: "open",
        reason: "spam",
        note: "Looks like spam",
      });
    },
  },
  // The editors' actions (lib/actions/editor.ts).
  {
    name: "createArticleAction",
    guard: "editor",
    action: editorActions.createArticleAction,
    form: () => ({ source: "The Test Times", slug: `matrix-${randomUUID()}`, text: "# Matrix\n\nOne paragraph.\n\nAnother paragraph." }),
    verify: async (w, result) => {
      const article = await db.article.findFirstOrThrow({ where: { title: "Matrix" }, orderBy: { createdAt: "desc" }, select: { id: true, draft: true } });
      expect(article.draft).toBe(true);
      expect(result.redirectedTo).toBe(`/editor/${article.id}`);
      await expectOneLog(w, "create_article", article.id);
    },
  },
  {
    name: "updateArticleAction",
    guard: "editor",
    action: editorActions.updateArticleAction,
    form: (w) => ({ articleId: w.article.published, title: "Renamed", source: "Elsewhere", summary: "New summary" }),
    verify: async (w) => {
      expect(await db.article.findUniqueOrThrow({ where: { id: w.article.published } })).toMatchObject({ title: "Renamed", source: "Elsewhere" });
      await expectOneLog(w, "edit_article", w.article.published);
    },
  },
  {
    name: "updatePointAction",
    guard: "editor",
    action: editorActions.updatePointAction,
    form: (w) => ({
      articleId: w.article.draft,
      threadId: w.article.draftPoints[0]!,
      title: "Shade",
      summary: "Trees shade streets",
      excerpt: "several degrees cooler",
    }),
    verify: async (w) => {
      expect(await db.thread.findUniqueOrThrow({ where: { id: w.article.draftPoints[0]! } })).toMatchObject({
        title: "Shade",
        excerpt: "several degrees cooler",
      });
      await expectOneLog(w, "edit_point", w.article.draftPoints[0]!);
    },
  },
  {
    name: "addPointAction",
    guard: "editor",
    action: editorActions.addPointAction,
    form: (w) => ({ articleId: w.article.published, title: "Storms", summary: "Less flooding", excerpt: "soak up storm water" }),
    verify: async (w) => {
      expect(await db.thread.count({ where: { articleId: w.article.published } })).toBe(4);
    },
  },
  {
    name: "pointToolAction",
    guard: "editor",
    action: editorActions.pointToolAction,
    form: (w) => ({ articleId: w.article.published, threadId: w.article.publishedPoints[1]!, kind: "close" }),
    verify: async (w) => {
      expect(await db.thread.findUniqueOrThrow({ where: { id: w.article.publishedPoints[1]! } })).toMatchObject({ locked: true });
      await expectOneLog(w, "close_point", w.article.publishedPoints[1]!);
    },
  },
  {
    name: "splitPointAction",
    guard: "editor",
    action: editorActions.splitPointAction,
    form: (w) => ({ articleId: w.article.draft, threadId: w.article.draftPoints[0]!, at: "is several degrees", newTitle: "Degrees" }),
    verify: async (w) => {
      expect(await db.thread.count({ where: { articleId: w.article.draft } })).toBe(4);
      await expectOneLog(w, "split_point", w.article.draftPoints[0]!);
    },
  },
  {
    name: "articleStateAction",
    guard: "editor",
    action: editorActions.articleStateAction,
    form: (w) => ({ articleId: w.article.draft, kind: "publish" }),
    verify: async (w) => {
      expect(await db.article.findUniqueOrThrow({ where: { id: w.article.draft } })).toMatchObject({ draft: false });
      await expectOneLog(w, "publish_article", w.article.draft);
    },
  },
  {
    name: "articleAnswersAction",
    guard: "editor",
    action: editorActions.articleAnswersAction,
    form: (w) => ({ articleId: w.article.draft, answersId: w.article.published, kind: "rebuttal" }),
    verify: async (w) => {
      expect(await db.article.findUniqueOrThrow({ where: { id: w.article.draft } })).toMatchObject({ answersId: w.article.published, answerKind: "rebuttal" });
      await expectOneLog(w, "mark_answer", w.article.draft);
    },
  },
  {
    name: "pointAnswersAction",
    guard: "editor",
    action: editorActions.pointAnswersAction,
    form: (w) => ({ articleId: w.article.draft, threadId: w.article.draftPoints[0]!, answersThreadIds: w.article.answeredPoints[1]! }),
    verify: async (w) => {
      expect(await db.pointAnswer.findMany({ where: { threadId: w.article.draftPoints[0]! }, select: { answersThreadId: true } })).toEqual([
        { answersThreadId: w.article.answeredPoints[1]! },
      ]);
      await expectOneLog(w, "link_point_answers", w.article.draftPoints[0]!);
    },
  },
];

/** The comment the caller would edit or delete: their own (for the anonymous caller, somebody's). */
export function actorsComment(ctx: Ctx): string {
  const name = (Object.entries(ctx.users) as [ActorName, { id: string } | null][]).find(([, u]) => u?.id === ctx.actorId)?.[0] ?? "anonymous";
  return ctx.ownComment[name];
}

// ---------------------------------------------------------------------------------------------------------------

/** The current test's world (built afresh before each test by freshWorldForEachTest). */
export let world: World;

/** Before each test of the file: nobody signed in, no revalidation seen, only the new world's word filter. */
export function freshWorldForEachTest(): void {
  // Every test posts from 127.0.0.1: the per-IP limits must not be what refuses a caller here (one test sets them low).
  useEnv({ RATE_LIMIT_COMMENT_USER: "1000/60", RATE_LIMIT_COMMENT_IP: "100000/60", RATE_LIMIT_REPORT_USER: "1000/60", RATE_LIMIT_REPORT_IP: "100000/60" });

  beforeEach(async () => {
    signedIn.user = null;
    vi.mocked(revalidatePath).mockClear();
    // Filters are global (a phrase is unique): start each test with only the world's own.
    await db.wordFilter.deleteMany({});
    world = await buildWorld();
  });
}

export const describeOutcome = (outcome: Outcome) => (outcome === ALLOWED ? "allowed" : `refused (${outcome instanceof RegExp ? "suspended" : outcome})`);

/** Every case of these guards, as every caller. */
export function matrixRows(guards: Guard[]) {
  return CASES.filter((c) => guards.includes(c.guard)).flatMap((c) =>
    ACTORS.map((actor) => [c.name, actor, describeOutcome(EXPECTED[c.guard][actor]), c, EXPECTED[c.guard][actor]] as const),
  );
}

/** The matrix for the cases of these guards: what each caller is answered, and what success or refusal leaves. */
export function describeMatrix(title: string, guards: Guard[]): void {
  describe(title, () => {
    it.each(matrixRows(guards))("%s, as %s → %s", async (_name, actor, _outcome, c, expected) => {
      const actorId = await signInAs(world, actor);
      const ctx: Ctx = { ...world, actorId };
      const before = await snapshot();

      const result = await call(c.action, c.form(ctx));

      if (expected === ALLOWED) {
        expect(result.ok, result.message).toBe(true);
        await c.verify(ctx, result);
        expect(revalidatePath).toHaveBeenCalled();
      } else {
        expectRefused(result, expected);
        await expectUnchanged(before);
        expect(revalidatePath).not.toHaveBeenCalled();
      }
    });
  });
}
