import { randomUUID } from "node:crypto";
import { cookBody } from "@/lib/cooked-body";
import type { CurrentUser } from "@/lib/current-user";
import { db } from "@/lib/db";
import type { CommentStatus, Role } from "@/lib/generated/prisma/enums";
import { placedReplyWeight } from "@/lib/materialized-path";
import { adjustAncestorReplyCounts, takeCommentPath } from "@/lib/queries/comment-placement";
import { threadDataForNewComment } from "@/lib/queries/counters";

export type TestUserOptions = {
  role?: Role;
  /** Suspend the account: `"permanent"`, or until this date. */
  suspended?: "permanent" | Date;
  suspensionReason?: string;
};

/** A member (or, with `role`, a moderator or admin) with a unique email, for tests that need an author. */
export function createTestUser(name = "Tester", options: TestUserOptions = {}) {
  const { role = "member", suspended, suspensionReason = suspended ? "Testing suspensions" : undefined } = options;
  return db.user.create({
    data: {
      name,
      email: `${randomUUID()}@example.test`,
      role,
      suspendedPermanently: suspended === "permanent",
      suspendedUntil: suspended instanceof Date ? suspended : null,
      suspensionReason: suspensionReason ?? null,
    },
    select: { id: true, name: true, role: true },
  });
}

export function createTestModerator(name = "Moderator", options: Omit<TestUserOptions, "role"> = {}) {
  return createTestUser(name, { ...options, role: "moderator" });
}

export function createTestAdmin(name = "Admin", options: Omit<TestUserOptions, "role"> = {}) {
  return createTestUser(name, { ...options, role: "admin" });
}

/** An article with `points` threads, unique per call. */
export async function createTestThreads(points = 2) {
  const slug = `test-${randomUUID()}`;
  const article = await db.article.create({
    data: {
      slug,
      title: "Test article",
      source: "Test source",
      summary: "A summary.",
      threads: {
        create: Array.from({ length: points }, (_, i) => ({
          position: i + 1,
          title: `Point ${i + 1}`,
          summary: `Summary ${i + 1}`,
          excerpt: `Excerpt ${i + 1}`,
        })),
      },
    },
    select: { id: true, threads: { select: { id: true }, orderBy: { position: "asc" } } },
  });
  return article.threads.map((thread) => thread.id);
}

/**
 * A comment in any state, written directly (no word filter, no pre-moderation), keeping the thread's
 * commentCount and lastActivityAt consistent with the isCounted rule, as the real write paths do (lib/queries/counters.ts).
 */
export async function createTestComment(input: {
  threadId: string;
  authorId: string;
  body?: string;
  status?: CommentStatus;
  parentId?: string;
  deletedAt?: Date;
}) {
  const { threadId, authorId, body = "A test comment", status = "visible", parentId, deletedAt } = input;
  return db.$transaction(async (tx) => {
    const parent = parentId ? await tx.comment.findUniqueOrThrow({ where: { id: parentId }, select: { depth: true, path: true } }) : null;
    const createdAt = new Date();
    const path = await takeCommentPath(tx, threadId, parent, threadDataForNewComment({ status, deletedAt: deletedAt ?? null }, createdAt));
    const comment = await tx.comment.create({
      data: {
        threadId,
        authorId,
        body,
        ...cookBody(body),
        status,
        parentId: parentId ?? null,
        depth: parent ? parent.depth + 1 : 0,
        path,
        deletedAt: deletedAt ?? null,
        createdAt,
      },
      select: { id: true, threadId: true, authorId: true, depth: true, path: true, status: true, createdAt: true },
    });
    // A deleted comment written without replies is a deleted leaf: nobody's reply (placedReplyWeight).
    await adjustAncestorReplyCounts(tx, comment, placedReplyWeight({ status, deletedAt: deletedAt ?? null, replyCount: 0 }));
    return comment;
  });
}

/** The CurrentUser that getCurrentUser() would build for this account right now (role and live suspension from the DB). */
export async function currentUserFor(userId: string): Promise<CurrentUser> {
  const row = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, name: true, role: true, suspendedUntil: true, suspendedPermanently: true, suspensionReason: true },
  });
  const active = row.suspendedPermanently || (row.suspendedUntil !== null && row.suspendedUntil.getTime() > Date.now());
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    suspension: active ? { until: row.suspendedUntil, permanent: row.suspendedPermanently, reason: row.suspensionReason } : null,
  };
}
