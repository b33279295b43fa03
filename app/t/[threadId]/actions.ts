"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failed, invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { commentHref } from "@/lib/comment-tree";
import { getCurrentUser } from "@/lib/current-user";
import { CommentError, createComment, deleteComment, editComment } from "@/lib/queries/comments";
import { createCommentSchema, deleteCommentSchema, editCommentSchema } from "@/lib/validations/comment";

const SIGNED_OUT = "Your session has ended. Sign in again to comment.";

function refused(error: unknown, values?: Record<string, string>): ActionState {
  if (error instanceof CommentError) return failed(error.message, values);
  throw error;
}

function afterChange(comment: { id: string; threadId: string; depth: number }): never {
  revalidatePath("/", "layout");
  redirect(commentHref(comment.threadId, comment));
}

export async function createCommentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["body"]);
  const user = await getCurrentUser();
  if (!user) return failed(SIGNED_OUT, values);
  const parsed = parseForm(createCommentSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);

  let comment;
  try {
    comment = await createComment({ ...parsed.data, authorId: user.id });
  } catch (error) {
    return refused(error, values);
  }
  afterChange(comment);
}

export async function editCommentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["body"]);
  const user = await getCurrentUser();
  if (!user) return failed(SIGNED_OUT, values);
  const parsed = parseForm(editCommentSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);

  let comment;
  try {
    comment = await editComment({ ...parsed.data, authorId: user.id });
  } catch (error) {
    return refused(error, values);
  }
  afterChange(comment);
}

export async function deleteCommentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) return failed(SIGNED_OUT);
  const parsed = parseForm(deleteCommentSchema, formData);
  if (!parsed.success) return invalid(parsed.error);

  let comment;
  try {
    comment = await deleteComment({ ...parsed.data, authorId: user.id });
  } catch (error) {
    return refused(error);
  }
  afterChange(comment);
}
