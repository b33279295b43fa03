// A small forum with an item in every state an action can be pointed at: the world the fuzz, mass-assignment
// and IDOR tests aim their (guessed, foreign, stale or missing) ids at.
import type { CurrentUser } from "@/lib/current-user";
import { db } from "@/lib/db";
import { randomUUID } from "node:crypto";
import { parseArticleText } from "@/lib/article-import";
import { createDraftArticle, publishArticle, setArticleAnswers } from "@/lib/queries/editor";
import { createReport } from "@/lib/queries/reports";
import { createTestComment, createTestThreads, createTestUser, currentUserFor } from "./factories";

export const ACTORS = ["anonymous", "member", "suspended member", "moderator", "suspended moderator", "editor", "suspended editor", "admin"] as const;
export type ActorName = (typeof ACTORS)[number];

/** The editors' test article: three points, one per ## heading. */
export const EDITOR_ARTICLE = `# Parks make cities cooler

## Trees cool streets

A street lined with trees is several degrees cooler on a hot afternoon.

## Grass absorbs rain

Lawns and meadows soak up storm water that would flood the drains.

## Parks cost little

Keeping a park costs a city less than the air conditioning it saves.`;

export type ActionWorld = Awaited<ReturnType<typeof buildActionWorld>>;

export async function buildActionWorld() {
  const [main, locked, pinned, other] = (await createTestThreads(4)) as [string, string, string, string];
  await db.thread.update({ where: { id: locked }, data: { locked: true, lockReason: "Cooling off" } });
  await db.thread.update({ where: { id: pinned }, data: { pinned: true } });

  const soon = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
  const users = {
    member: await createTestUser("Member"),
    "suspended member": await createTestUser("Suspended member", { suspended: soon, suspensionReason: "Spamming" }),
    moderator: await createTestUser("Moderator", { role: "moderator" }),
    "suspended moderator": await createTestUser("Suspended moderator", { role: "moderator", suspended: "permanent" }),
    editor: await createTestUser("Editor", { role: "editor" }),
    "suspended editor": await createTestUser("Suspended editor", { role: "editor", suspended: soon }),
    admin: await createTestUser("Admin", { role: "admin" }),
  };
  // Others the actors may try to reach.
  const carol = await createTestUser("Carol"); // another member, author of most comments below
  const dave = await createTestUser("Dave", { suspended: "permanent", suspensionReason: "Old offence" });
  const erin = await createTestUser("Erin"); // files the reports
  const otherModerator = await createTestUser("Other moderator", { role: "moderator" });
  const otherAdmin = await createTestUser("Other admin", { role: "admin" });

  const by = (
    authorId: string,
    threadId: string,
    status: "visible" | "hidden" | "removed" | "pending" = "visible",
    extra: { parentId?: string; deletedAt?: Date } = {},
  ) => createTestComment({ threadId, authorId, status, body: `${status} comment`, ...extra }).then((c) => c.id);

  const carolVisible = await by(carol.id, main);
  const comments = {
    carolVisible,
    carolReply: await by(carol.id, main, "visible", { parentId: carolVisible }),
    carolHidden: await by(carol.id, main, "hidden"),
    carolRemoved: await by(carol.id, main, "removed"),
    carolPending: await by(carol.id, main, "pending"),
    carolDeleted: await by(carol.id, main, "visible", { deletedAt: new Date() }),
    carolInLocked: await by(carol.id, locked),
    carolInOther: await by(carol.id, other),
    carolReported: await by(carol.id, main),
    moderatorComment: await by(otherModerator.id, main),
    adminComment: await by(otherAdmin.id, main),
    ownVisible: await by(users.member.id, main),
    ownPending: await by(users.member.id, main, "pending"),
    ownHidden: await by(users.member.id, main, "hidden"),
    ownRemoved: await by(users.member.id, main, "removed"),
    ownDeleted: await by(users.member.id, main, "visible", { deletedAt: new Date() }),
    ownInLocked: await by(users.member.id, locked),
    suspendedOwn: await by(users["suspended member"].id, main),
  };
  const reports = {
    onComment: (await createReport({ reporterId: erin.id, threadId: main, commentId: comments.carolReported, reason: "spam" })).id,
    onThread: (await createReport({ reporterId: erin.id, threadId: other, reason: "off_topic" })).id,
  };
  // A notification each for the member and for Carol: whose it is decides who may open it.
  const notifications = {
    forMember: (await db.notification.create({ data: { recipientId: users.member.id, commentId: comments.carolReply, kind: "reply" }, select: { id: true } }))
      .id,
    forCarol: (await db.notification.create({ data: { recipientId: carol.id, commentId: comments.ownVisible, kind: "reply" }, select: { id: true } })).id,
  };
  // A moderation notice each for the member and for Carol: the same rule, for notices.
  const notice = (recipientId: string) =>
    db.notice
      .create({
        data: { recipientId, kind: "comment_hidden", title: "A moderator hid your comment", body: "Reason given: testing", href: "/appeals" },
        select: { id: true },
      })
      .then((row) => row.id);
  const notices = { forMember: await notice(users.member.id), forCarol: await notice(carol.id) };
  // Moderation decisions to appeal, and appeals to decide: whose decision and whose appeal decide who may act.
  const logRow = (data: {
    moderatorId: string;
    action: string;
    targetType: string;
    targetId: string;
    targetUserId: string | null;
    articleId?: string | null;
  }) => db.moderationLog.create({ data: { articleId: null, reason: "Testing appeals", ...data }, select: { id: true } }).then((row) => row.id);
  const mainArticle = (await db.thread.findUniqueOrThrow({ where: { id: main }, select: { articleId: true } })).articleId;
  const logs = {
    memberHidden: await logRow({
      moderatorId: otherModerator.id,
      action: "hide_comment",
      targetType: "comment",
      targetId: comments.ownHidden,
      targetUserId: users.member.id,
      articleId: mainArticle,
    }),
    memberRemoved: await logRow({
      moderatorId: otherModerator.id,
      action: "remove_comment",
      targetType: "comment",
      targetId: comments.ownRemoved,
      targetUserId: users.member.id,
      articleId: mainArticle,
    }),
    carolHidden: await logRow({
      moderatorId: users.moderator.id,
      action: "hide_comment",
      targetType: "comment",
      targetId: comments.carolHidden,
      targetUserId: carol.id,
      articleId: mainArticle,
    }),
    carolRemoved: await logRow({
      moderatorId: otherModerator.id,
      action: "remove_comment",
      targetType: "comment",
      targetId: comments.carolRemoved,
      targetUserId: carol.id,
      articleId: mainArticle,
    }),
    suspension: await logRow({
      moderatorId: otherModerator.id,
      action: "suspend_user",
      targetType: "user",
      targetId: users["suspended member"].id,
      targetUserId: users["suspended member"].id,
    }),
    lock: await logRow({
      moderatorId: otherModerator.id,
      action: "lock_thread",
      targetType: "thread",
      targetId: locked,
      targetUserId: null,
      articleId: mainArticle,
    }),
  };
  const appeals = {
    /** Carol's appeal of the moderator actor's own decision: theirs to leave to another moderator. */
    ofModeratorsDecision: (
      await db.appeal.create({
        data: { logId: logs.carolHidden, appellantId: carol.id, commentId: comments.carolHidden, body: "Please look again" },
        select: { id: true },
      })
    ).id,
    /** Carol's appeal of another moderator's decision: the moderator actor may decide it. */
    open: (
      await db.appeal.create({
        data: { logId: logs.carolRemoved, appellantId: carol.id, commentId: comments.carolRemoved, body: "It was fine" },
        select: { id: true },
      })
    ).id,
  };
  // Correction requests (Erin's): one waiting in the editors' queue, one an editor already accepted.
  const corrections = {
    open: (
      await db.correction.create({
        data: { threadId: main, requesterId: erin.id, target: "summary", claim: "The summary misstates the figure." },
        select: { id: true },
      })
    ).id,
    decided: (
      await db.correction.create({
        data: {
          threadId: main,
          requesterId: erin.id,
          target: "article",
          claim: "The article has the wrong year.",
          status: "accepted",
          note: "Year corrected.",
          decidedById: otherAdmin.id,
          decidedAt: new Date(),
        },
        select: { id: true },
      })
    ).id,
  };
  const filter = await db.wordFilter.create({ data: { phrase: "existingphrase", action: "queue", createdById: otherAdmin.id }, select: { id: true } });
  // The editors' articles: a draft, and a published one whose first point has a comment (so it cannot be deleted).
  const otherEditor = await createTestUser("Other editor", { role: "editor" });
  const draft = await createDraftArticle({
    editorId: otherEditor.id,
    seed: parseArticleText(EDITOR_ARTICLE, { slug: `draft-${randomUUID()}`, source: "Test" }),
  });
  const published = await createDraftArticle({
    editorId: otherEditor.id,
    seed: parseArticleText(EDITOR_ARTICLE, { slug: `published-${randomUUID()}`, source: "Test" }),
  });
  await publishArticle({ editorId: otherEditor.id, articleId: published.id });
  // The draft is a follow-up of the published article: its points can be linked to the published one's.
  await setArticleAnswers({ editorId: otherEditor.id, articleId: draft.id, answersId: published.id, kind: "follow_up" });
  const pointsOf = async (articleId: string) =>
    (await db.thread.findMany({ where: { articleId }, orderBy: { position: "asc" }, select: { id: true } })).map((thread) => thread.id) as [
      string,
      string,
      string,
    ];
  const [draftFirst, draftSecond, draftThird] = await pointsOf(draft.id);
  const [publishedCommented, publishedSecond, publishedThird] = await pointsOf(published.id);
  await by(carol.id, publishedCommented);
  const articles = { draft: draft.id, published: published.id };
  const points = { draftFirst, draftSecond, draftThird, publishedCommented, publishedSecond, publishedThird };

  return {
    threads: { main, locked, pinned, other },
    users,
    others: { carol, dave, erin, otherModerator, otherAdmin },
    comments,
    reports,
    notifications,
    notices,
    logs,
    appeals,
    corrections,
    filterId: filter.id,
    articles,
    points,
  };
}

/** The session getCurrentUser() would return for this actor right now (null when signed out). */
export async function sessionFor(world: ActionWorld, actor: ActorName): Promise<CurrentUser | null> {
  return actor === "anonymous" ? null : currentUserFor(world.users[actor].id);
}

/** Every id in the world, of every kind: what a guessing client would send. */
export function everyId(world: ActionWorld): string[] {
  return [
    ...Object.values(world.threads),
    ...Object.values(world.users).map((u) => u.id),
    ...Object.values(world.others).map((u) => u.id),
    ...Object.values(world.comments),
    ...Object.values(world.reports),
    ...Object.values(world.notifications),
    ...Object.values(world.notices),
    ...Object.values(world.logs),
    ...Object.values(world.appeals),
    ...Object.values(world.corrections),
    world.filterId,
    ...Object.values(world.articles),
    ...Object.values(world.points),
  ];
}
