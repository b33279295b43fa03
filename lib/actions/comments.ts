"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "./define-action";
import { refreshThread, refreshThreadInPlace } from "./refresh";
import { purgeAnonymousPages } from "@/lib/anonymous-cache-purge";
import { getClientIp } from "@/lib/client-ip";
import { announceNewComment } from "@/lib/live-events";
import { metrics } from "@/lib/metrics";
import { commentHref } from "@/lib/reply-tree";
import { postedCommentAnswer } from "@/lib/posted-comment-answer";
import { notifyAfterComment } from "@/lib/notify";
import { withUnmatchedMentions } from "@/lib/mentions";
import { unmatchedMentions } from "@/lib/queries/mentions";
import { CommentError, createComment, deleteComment, editComment } from "@/lib/queries/comment-writes";
import { createReport, ReportError } from "@/lib/queries/reports";
import { evaluateCooldownAfterActivity } from "@/lib/queries/slow-mode";
import { enforceRateLimits } from "@/lib/rate-limit";
import { toggleVote, VoteError } from "@/lib/queries/votes";
import { createCommentSchema, deleteCommentSchema, editCommentSchema, voteSchema } from "@/lib/validations/comment";
import { reportSchema } from "@/lib/validations/moderation";

/**
 * After a comment changes, the reader lands on it: its thread is refreshed (its count and stance tally may have
 * moved, or slow mode started), not the whole site.
 */
async function showComment(comment: { id: string; threadId: string; depth: number }, unmatched: readonly string[] = []): Promise<never> {
  await refreshThread(comment.threadId);
  redirect(withUnmatchedMentions(commentHref(comment.threadId, comment), unmatched));
}

export const createCommentAction = defineAction({
  guard: "writer",
  schema: createCommentSchema,
  keep: ["body", "stance"],
  refusals: [CommentError],
  async run(input, user) {
    await enforceRateLimits([
      { limit: "comment:user", key: user.id },
      { limit: "comment:ip", key: await getClientIp() },
    ]);
    return createComment({ ...input, author: user });
  },
  // The comment is committed: open pages of the thread hear of it at once (lib/live-events.ts). Replies and
  // mentions (a held comment notifies once approved) and the automatic cool-down run after the answer has gone
  // (after()); neither can fail the post.
  async after(comment, input, user) {
    metrics().commentsPosted.inc();
    await announceNewComment(comment.threadId);
    await notifyAfterComment(comment.id);
    await evaluateCooldownAfterActivity(comment.threadId);
    const unmatched = await unmatchedMentions(input.body);
    // An open thread page puts the comment in place itself: the answer is the comment, not the page rendered
    // again (a redirect's answer).
    if (input.answer === "inline") {
      const posted = await postedCommentAnswer(comment, input, user, unmatched);
      if (posted) {
        await refreshThreadInPlace(comment.threadId);
        return { ok: true, posted };
      }
    }
    return showComment(comment, unmatched);
  },
});

export const editCommentAction = defineAction({
  guard: "writer",
  schema: editCommentSchema,
  keep: ["body", "stance"],
  refusals: [CommentError],
  async run(input, user) {
    await enforceRateLimits([{ limit: "edit:user", key: user.id }]);
    return editComment({ ...input, author: user });
  },
  // A mention added by the edit, after the answer; whoever was notified already is not notified again.
  async after(comment, input) {
    await notifyAfterComment(comment.id);
    return showComment(comment, await unmatchedMentions(input.body));
  },
});

export const deleteCommentAction = defineAction({
  guard: "writer",
  schema: deleteCommentSchema,
  refusals: [CommentError],
  run: (input, user) => deleteComment({ ...input, authorId: user.id }),
  // The author's words are gone: signed-out readers' cached copies go too, on every instance.
  async after(comment) {
    await purgeAnonymousPages();
    return showComment(comment);
  },
});

export const reportAction = defineAction({
  guard: "writer",
  schema: reportSchema,
  keep: ["note", "reason"],
  refusals: [ReportError],
  async run(input, user) {
    await enforceRateLimits([
      { limit: "report:user", key: user.id },
      { limit: "report:ip", key: await getClientIp() },
    ]);
    return createReport({ ...input, reporterId: user.id });
  },
  async after(_report, input) {
    await evaluateCooldownAfterActivity(input.threadId);
    // The moderators' queue gains an item.
    revalidatePath("/mod");
    return { ok: true, message: "Thanks. A moderator will review your report." };
  },
});

/** Upvote, or take the upvote back. Answers in place (no redirect): the refreshed page shows the new count. */
export const voteAction = defineAction({
  guard: "writer",
  schema: voteSchema,
  refusals: [VoteError],
  run: (input, user) => toggleVote({ commentId: input.commentId, voter: user }),
  // The count shows beside the comment, in its thread alone (no thread context holds it).
  after(result) {
    revalidatePath(`/t/${result.comment.threadId}`, "layout");
    return { ok: true, message: result.voted ? "Upvoted." : "Upvote taken back." };
  },
});
