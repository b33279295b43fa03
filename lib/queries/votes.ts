import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { canVote } from "@/lib/permissions";
import type { CurrentUser } from "@/lib/current-user";
import { moveScore } from "./counters";

export class VoteError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "forbidden",
  ) {
    super(message);
  }
}

/**
 * Upvotes a comment, or takes the upvote back when the member already gave one. The vote row and the
 * comment's score change in one transaction; the (commentId, userId) key makes a double vote impossible even
 * for two concurrent clicks. Returns the new state.
 */
export async function toggleVote(input: { commentId: string; voter: Pick<CurrentUser, "id" | "role" | "suspension"> }) {
  const { commentId, voter } = input;
  try {
    return await db.$transaction(async (tx) => {
      const comment = await tx.comment.findUnique({
        where: { id: commentId },
        select: { id: true, threadId: true, depth: true, authorId: true, status: true, deletedAt: true },
      });
      if (!comment) throw new VoteError("That comment does not exist.", "not_found");
      if (!canVote(voter, comment)) {
        throw new VoteError(comment.authorId === voter.id ? "You cannot upvote your own comment." : "That comment cannot be upvoted.", "forbidden");
      }
      const removed = await tx.commentVote.deleteMany({ where: { commentId, userId: voter.id } });
      if (removed.count === 0) await tx.commentVote.create({ data: { commentId, userId: voter.id } });
      const voted = removed.count === 0;
      const score = await moveScore(tx, commentId, voted ? 1 : -1);
      return { comment, voted, score };
    });
  } catch (error) {
    // The other of two simultaneous first votes: the key refused it, so this click changes nothing.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new VoteError("Your vote was already counted.", "forbidden");
    }
    throw error;
  }
}
