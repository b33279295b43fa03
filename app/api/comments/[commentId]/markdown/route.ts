import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/current-user";
import { canEditComment, canSetStance } from "@/lib/permissions";
import { getCommentForEdit } from "@/lib/queries/comment-edit";

const refuse = (status: number, code: string, message: string) =>
  NextResponse.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });

/**
 * A comment's Markdown for its author's inline edit form (the thread page carries rendered HTML only). Only the
 * author, while they may still edit it, gets it; anyone else gets 403 (404 when there is no such comment).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ commentId: string }> }) {
  const { commentId } = await params;
  const user = await getCurrentUser();
  if (!user) return refuse(401, "unauthenticated", "Sign in to edit your comment.");
  const comment = typeof commentId === "string" && commentId.length <= 64 ? await getCommentForEdit(commentId) : null;
  if (!comment) return refuse(404, "not_found", "There is no such comment.");
  const state = { authorId: comment.authorId, deletedAt: comment.deletedAt, status: comment.status };
  if (!canEditComment(user, state, comment.thread)) return refuse(403, "forbidden", "You cannot edit this comment.");
  return NextResponse.json(
    { body: comment.body, stance: comment.stance, canSetStance: canSetStance(user, { ...state, depth: comment.depth }, comment.thread) },
    { headers: { "cache-control": "private, no-store" } },
  );
}
