"use server";

import { revalidatePath } from "next/cache";
import { invalid, parseForm, type ActionState } from "@/lib/action-state";
import { refusalFrom, requireAdmin, requireModerator } from "@/lib/action-guards";
import { notifyAfterComment } from "@/lib/notify";
import { dismissReports, liftSuspension, moderateComment, moderateThread, ModerationError, setUserRole, suspendUser } from "@/lib/queries/moderation";
import { addWordFilter, removeWordFilter } from "@/lib/queries/word-filters";
import {
  dismissReportsSchema,
  liftSuspensionSchema,
  moderateCommentSchema,
  moderateThreadSchema,
  removeWordFilterSchema,
  setRoleSchema,
  suspendUserSchema,
  wordFilterSchema,
} from "@/lib/validations/moderation";

// Every action below re-reads the caller's role from the database before touching anything.

function done(message: string): ActionState {
  revalidatePath("/", "layout");
  return { ok: true, message };
}

const COMMENT_DONE = { hide: "Comment hidden.", remove: "Comment removed.", restore: "Comment restored.", approve: "Comment approved." };

export async function moderateCommentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireModerator();
  if (refusal) return refusal;
  const parsed = parseForm(moderateCommentSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await moderateComment({ moderatorId: user.id, ...parsed.data });
  } catch (error) {
    return refusalFrom(error, [ModerationError]);
  }
  // An approved (or restored) comment is visible now: its replies and mentions notify, once.
  if (parsed.data.kind === "approve" || parsed.data.kind === "restore") await notifyAfterComment(parsed.data.commentId);
  return done(COMMENT_DONE[parsed.data.kind]);
}

export async function dismissReportsAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireModerator();
  if (refusal) return refusal;
  const parsed = parseForm(dismissReportsSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await dismissReports({ moderatorId: user.id, ...parsed.data });
  } catch (error) {
    return refusalFrom(error, [ModerationError]);
  }
  return done("Reports dismissed.");
}

const THREAD_DONE = { lock: "Thread locked.", unlock: "Thread unlocked.", pin: "Thread pinned.", unpin: "Thread unpinned." };

export async function moderateThreadAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireModerator();
  if (refusal) return refusal;
  const parsed = parseForm(moderateThreadSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await moderateThread({ moderatorId: user.id, ...parsed.data });
  } catch (error) {
    return refusalFrom(error, [ModerationError]);
  }
  return done(THREAD_DONE[parsed.data.kind]);
}

export async function suspendUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireModerator();
  if (refusal) return refusal;
  const parsed = parseForm(suspendUserSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await suspendUser({ moderator: user, ...parsed.data });
  } catch (error) {
    return refusalFrom(error, [ModerationError]);
  }
  return done("Member suspended.");
}

export async function liftSuspensionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireModerator();
  if (refusal) return refusal;
  const parsed = parseForm(liftSuspensionSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await liftSuspension({ moderator: user, ...parsed.data });
  } catch (error) {
    return refusalFrom(error, [ModerationError]);
  }
  return done("Suspension lifted.");
}

export async function setRoleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireAdmin();
  if (refusal) return refusal;
  const parsed = parseForm(setRoleSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await setUserRole({ adminId: user.id, ...parsed.data });
  } catch (error) {
    return refusalFrom(error, [ModerationError]);
  }
  return done(`Role changed to ${parsed.data.role}.`);
}

export async function addWordFilterAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireAdmin();
  if (refusal) return refusal;
  const parsed = parseForm(wordFilterSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await addWordFilter({ adminId: user.id, ...parsed.data });
  } catch (error) {
    return refusalFrom(error, [ModerationError]);
  }
  return done(`“${parsed.data.phrase}” added to the word filter.`);
}

export async function removeWordFilterAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireAdmin();
  if (refusal) return refusal;
  const parsed = parseForm(removeWordFilterSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await removeWordFilter({ adminId: user.id, id: parsed.data.id });
  } catch (error) {
    return refusalFrom(error, [ModerationError]);
  }
  return done("Filter removed.");
}
