"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { refusalFrom, requireWriter } from "@/lib/action-guards";
import { purgeAnonymousPages } from "@/lib/anonymous-cache-purge";
import { getClientIp } from "@/lib/client-ip";
import { announceNewComment } from "@/lib/live-events";
import { metrics } from "@/lib/metrics";
import { commentHref } from "@/lib/reply-tree";
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

function afterChange(comment: { id: string; threadId: string; depth: number }, unmatched: readonly string[] = []): never {
  revalidatePath("/", "layout");
  redirect(withUnmatchedMentions(commentHref(comment.threadId, comment), unmatched));
}

export async function createCommentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["body", "stance"]);
  const { user, refusal } = await requireWriter(values);
  if (refusal) return refusal;
  const parsed = parseForm(createCommentSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);

  let comment;
  try {
    await enforceRateLimits([
      { limit: "comment:user", key: user.id },
      { limit: "comment:ip", key: await getClientIp() },
    ]);
    comment = await createComment({ ...parsed.data, author: user });
  } catch (error) {
    return refusalFrom(error, [CommentError], values);
  }
  // The comment is committed: open pages of the thread hear of it at once (lib/live-events.ts). Replies and mentions (a held comment notifies once approved) and the automatic
  // cool-down run after the answer has gone (after()); neither can fail the post.
  metrics().commentsPosted.inc();
  await announceNewComment(comment.threadId);
  await notifyAfterComment(comment.id);
  await evaluateCooldownAfterActivity(comment.threadId);
  afterChange(comment, await unmatchedMentions(parsed.data.body));
}

export async function editCommentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["body", "stance"]);
  const { user, refusal } = await requireWriter(values);
  if (refusal) return refusal;
  const parsed = parseForm(editCommentSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);

  let comment;
  try {
    await enforceRateLimits([{ limit: "edit:user", key: user.id }]);
    comment = await editComment({ ...parsed.data, author: user });
  } catch (error) {
    return refusalFrom(error, [CommentError], values);
  }
  // A mention added by the edit, after the answer; whoever was notified already is not notified again.
  await notifyAfterComment(comment.id);
  afterChange(comment, await unmatchedMentions(parsed.data.body));
}

export async function deleteCommentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireWriter();
  if (refusal) return refusal;
  const parsed = parseForm(deleteCommentSchema, formData);
  if (!parsed.success) return invalid(parsed.error);

  let comment;
  try {
    comment = await deleteComment({ ...parsed.data, authorId: user.id });
  } catch (error) {
    return refusalFrom(error, [CommentError]);
  }
  // The author's words are gone: signed-out readers' cached copies go too, on every instance.
  await purgeAnonymousPages();
  afterChange(comment);
}

export async function reportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["note", "reason"]);
  const { user, refusal } = await requireWriter(values);
  if (refusal) return refusal;
  const parsed = parseForm(reportSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);

  try {
    await enforceRateLimits([
      { limit: "report:user", key: user.id },
      { limit: "report:ip", key: await getClientIp() },
    ]);
    await createReport({ ...parsed.data, reporterId: user.id });
  } catch (error) {
    return refusalFrom(error, [ReportError], values);
  }
  await evaluateCooldownAfterActivity(parsed.data.threadId);
  revalidatePath("/mod");
  return { ok: true, message: "Thanks. A moderator will review your report." };
}

/** Upvote, or take the upvote back. Answers in place (no redirect): the refreshed page shows the new count. */
export async function voteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireWriter();
  if (refusal) return refusal;
  const parsed = parseForm(voteSchema, formData);
  if (!parsed.success) return invalid(parsed.error);

  let result;
  try {
    result = await toggleVote({ commentId: parsed.data.commentId, voter: user });
  } catch (error) {
    return refusalFrom(error, [VoteError]);
  }
  revalidatePath(`/t/${result.comment.threadId}`, "layout");
  return { ok: true, message: result.voted ? "Upvoted." : "Upvote taken back." };
}
