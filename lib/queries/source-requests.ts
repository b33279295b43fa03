import type { CurrentUser } from "@/lib/current-user";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { canRequestSource } from "@/lib/permissions";

// "Needs a source": one row per member per comment (the table's key). Asking again changes nothing (idempotent);
// a member may take their request back. The comment's author is notified once per comment, whoever asks.

export class SourceRequestError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "forbidden",
  ) {
    super(message);
  }
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

type Requester = Pick<CurrentUser, "id" | "role" | "suspension">;

/**
 * Asks for a source for someone else's visible comment in an open thread. Returns whether this call added the
 * request and the id of the author's notification when this call created it (the first request ever).
 */
export async function requestSource(input: { commentId: string; requester: Requester }) {
  const { commentId, requester } = input;
  const comment = await db.comment.findUnique({
    where: { id: commentId },
    select: { id: true, threadId: true, depth: true, authorId: true, status: true, deletedAt: true, thread: { select: { locked: true } } },
  });
  // Someone else's comment awaiting review is not there for this member (nor a deleted one).
  if (!comment || comment.deletedAt || (comment.status === "pending" && comment.authorId !== requester.id)) {
    throw new SourceRequestError("That comment does not exist.", "not_found");
  }
  if (!canRequestSource(requester, comment, comment.thread)) {
    if (comment.authorId === requester.id) throw new SourceRequestError("You cannot ask for a source for your own comment.", "forbidden");
    if (comment.thread.locked) throw new SourceRequestError("This thread is locked: no new requests.", "forbidden");
    throw new SourceRequestError("That comment cannot be flagged.", "forbidden");
  }

  // Not one transaction: a unique violation aborts a PostgreSQL transaction, and each row stands on its own.
  let added = true;
  try {
    await db.sourceRequest.create({ data: { commentId, requesterId: requester.id } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    added = false;
  }
  let notificationId: string | null = null;
  const notified = await db.notification.count({ where: { recipientId: comment.authorId, commentId } });
  if (!notified) {
    try {
      notificationId = (await db.notification.create({ data: { recipientId: comment.authorId, commentId, kind: "source_request" }, select: { id: true } })).id;
    } catch (error) {
      // Two first requests at once: the other one notified.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { comment: { id: comment.id, threadId: comment.threadId, depth: comment.depth }, added, notificationId };
}

/** Takes the member's own request back (ownership in the where clause); refused when there is none. */
export async function withdrawSourceRequest(input: { commentId: string; requesterId: string }) {
  const { count } = await db.sourceRequest.deleteMany({ where: { commentId: input.commentId, requesterId: input.requesterId } });
  if (count === 0) throw new SourceRequestError("You have not asked for a source for that comment.", "not_found");
  const comment = await db.comment.findUnique({ where: { id: input.commentId }, select: { id: true, threadId: true, depth: true } });
  return { comment: comment! };
}

export type SourceRequestSummary = {
  /** Members who asked. */
  count: number;
  /** When the latest of them asked. */
  latestAt: Date;
  /** Whether the viewer is one of them. */
  requestedByViewer: boolean;
};
