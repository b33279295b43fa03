import { cookBody } from "@/lib/cooked-body";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/password";
import { applyCommentTransition, withdrawVotes } from "./counters";

// A member's own account, as /settings shows and changes it: password, deletion, export.

/** A refusal the member can act on; its message is shown next to the form. */
export class AccountError extends Error {}

/** What /settings shows about the account itself. */
export async function getAccountSettings(userId: string) {
  const user = await db.user.findFirst({
    where: { id: userId, deletedAt: null },
    select: { name: true, email: true, passwordHash: true, emailNotifications: true, createdAt: true, accounts: { select: { provider: true } } },
  });
  if (!user) return null;
  const { passwordHash, accounts, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null, providers: accounts.map((account) => account.provider) };
}

/**
 * Changes the password once the current one is confirmed, and ends every other session of the account: a
 * leaked password stops working everywhere but here. `keepSessionId` is the caller's own session.
 */
export async function changePassword(input: { userId: string; currentPassword: string; newPassword: string; keepSessionId: string | null }) {
  const user = await db.user.findFirst({ where: { id: input.userId, deletedAt: null }, select: { passwordHash: true } });
  if (!user?.passwordHash) throw new AccountError("Your account signs in without a password, so there is none to change.");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AccountError("Your current password is incorrect.");
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash } });
    const { count } = await tx.session.deleteMany({
      where: { userId: input.userId, ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}) },
    });
    return { endedSessions: count };
  });
}

/**
 * Checks what the member typed to confirm deleting their account: the password, or for an account without one
 * (signed up through GitHub) its email address.
 */
async function confirmDeletion(userId: string, confirmation: { password?: string; email?: string }) {
  const user = await db.user.findFirst({ where: { id: userId, deletedAt: null }, select: { passwordHash: true, email: true } });
  if (!user) throw new AccountError("That account no longer exists.");
  if (user.passwordHash) {
    if (!confirmation.password) throw new AccountError("Enter your password to confirm.");
    if (!(await verifyPassword(user.passwordHash, confirmation.password))) throw new AccountError("That password is incorrect.");
    return;
  }
  const typed = confirmation.email?.trim().toLowerCase();
  if (!typed || !user.email || typed !== user.email.toLowerCase()) throw new AccountError("That is not your account's email address.");
}

/**
 * Deletes a member's account. The User row stays, emptied (no name, email, password, linked sign-ins), so the
 * moderation log and the comment tree keep their references without personal data; the email is free again.
 * Every comment body is erased and shows as a "[deleted account]" tombstone where replies hold its place (a
 * deleted leaf vanishes, as on an ordinary delete); votes go and the scores they moved go down; reports filed
 * keep their reason for the moderators but lose their note; notifications, source requests, visits and every
 * session go.
 */
export async function deleteAccount(userId: string, confirmation: { password?: string; email?: string }) {
  await confirmDeletion(userId, confirmation);
  await db.$transaction(async (tx) => {
    // Deepest first, re-read one by one: a reply deleted first may leave its parent a deleted leaf.
    const comments = await tx.comment.findMany({ where: { authorId: userId }, select: { id: true }, orderBy: [{ depth: "desc" }, { id: "asc" }] });
    const now = new Date();
    for (const { id } of comments) {
      const comment = await tx.comment.findUniqueOrThrow({
        where: { id },
        select: { id: true, threadId: true, path: true, status: true, replyCount: true, deletedAt: true },
      });
      if (comment.deletedAt === null) {
        await applyCommentTransition(tx, comment, { status: comment.status, deletedAt: null }, { status: comment.status, deletedAt: now });
      }
      await tx.comment.update({
        where: { id },
        data: { deletedAt: comment.deletedAt ?? now, body: "", ...cookBody(""), stance: null },
      });
    }
    const votes = await tx.commentVote.findMany({ where: { userId }, select: { commentId: true } });
    if (votes.length > 0) {
      await withdrawVotes(
        tx,
        votes.map((vote) => vote.commentId),
      );
      await tx.commentVote.deleteMany({ where: { userId } });
    }
    await tx.report.updateMany({ where: { reporterId: userId }, data: { note: null } });
    await tx.appeal.updateMany({ where: { appellantId: userId }, data: { body: "" } });
    await tx.notification.deleteMany({ where: { recipientId: userId } });
    await tx.sourceRequest.deleteMany({ where: { requesterId: userId } });
    await tx.articleVisit.deleteMany({ where: { userId } });
    await tx.account.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: { userId } });
    // Earlier display names are personal data too; the name's key goes with the name, so it is free again.
    await tx.nameChange.deleteMany({ where: { userId } });
    // An emailed link (password reset) must not outlive the account.
    await tx.accountToken.deleteMany({ where: { userId } });
    await tx.user.update({
      where: { id: userId },
      data: {
        name: null,
        nameKey: null,
        email: null,
        emailVerified: null,
        image: null,
        passwordHash: null,
        role: "member",
        suspensionReason: null,
        deletedAt: now,
      },
    });
  });
}

/** Everything a member has put into Agora, for "Download my data" (JSON-ready: dates as ISO strings). */
export async function exportAccountData(userId: string) {
  const user = await db.user.findFirst({
    where: { id: userId, deletedAt: null },
    select: {
      id: true,
      name: true,
      email: true,
      emailVerified: true,
      role: true,
      emailNotifications: true,
      createdAt: true,
      accounts: { select: { provider: true } },
      sessions: { select: { browser: true, createdAt: true, lastSeenAt: true, expires: true }, orderBy: { createdAt: "asc" } },
      comments: {
        select: {
          id: true,
          threadId: true,
          parentId: true,
          body: true,
          stance: true,
          status: true,
          score: true,
          createdAt: true,
          editedAt: true,
          deletedAt: true,
        },
        orderBy: { createdAt: "asc" },
      },
      commentVotes: { select: { commentId: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      reports: {
        select: { id: true, threadId: true, commentId: true, reason: true, note: true, status: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      },
      notifications: { select: { id: true, kind: true, commentId: true, createdAt: true, readAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!user) return null;
  const { comments, commentVotes, reports, notifications, accounts, sessions, ...profile } = user;
  return {
    exportedAt: new Date().toISOString(),
    profile: { ...profile, signInProviders: accounts.map((account) => account.provider) },
    sessions,
    comments,
    votes: commentVotes,
    reports,
    notifications,
  };
}
