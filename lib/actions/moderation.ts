"use server";

import type { ActionState } from "@/lib/action-state";
import { defineAction } from "./define-action";
import { refreshSite } from "./refresh";
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

// Every action below re-reads the caller's role from the database before touching anything (defineAction's guard).

/**
 * A moderation decision shows everywhere at once: on the thread, the member's page, the article's counts, and in
 * every staff member's header (the queue count lives in the root layout), so the whole site is revalidated.
 */
async function done(message: string, changed: { threadId?: string } = {}): Promise<ActionState> {
  await refreshSite(changed);
  return { ok: true, message };
}

const COMMENT_DONE = { hide: "Comment hidden.", remove: "Comment removed.", restore: "Comment restored.", approve: "Comment approved." };

export const moderateCommentAction = defineAction({
  guard: "moderator",
  schema: moderateCommentSchema,
  refusals: [ModerationError],
  run: (input, user) => moderateComment({ moderatorId: user.id, ...input }),
  async after(comment, input) {
    // An approved (or restored) comment is visible now: its replies and mentions notify, once.
    if (input.kind === "approve" || input.kind === "restore") await notifyAfterComment(input.commentId);
    return done(COMMENT_DONE[input.kind], { threadId: comment.threadId });
  },
});

export const dismissReportsAction = defineAction({
  guard: "moderator",
  schema: dismissReportsSchema,
  refusals: [ModerationError],
  run: (input, user) => dismissReports({ moderatorId: user.id, ...input }),
  after: (_result, input) => done("Reports dismissed.", { threadId: input.threadId }),
});

const THREAD_DONE = { lock: "Thread locked.", unlock: "Thread unlocked.", pin: "Thread pinned.", unpin: "Thread unpinned." };

export const moderateThreadAction = defineAction({
  guard: "moderator",
  schema: moderateThreadSchema,
  refusals: [ModerationError],
  run: (input, user) => moderateThread({ moderatorId: user.id, ...input }),
  after: (_result, input) => done(THREAD_DONE[input.kind], { threadId: input.threadId }),
});

export const suspendUserAction = defineAction({
  guard: "moderator",
  schema: suspendUserSchema,
  refusals: [ModerationError],
  run: (input, user) => suspendUser({ moderator: user, ...input }),
  after: () => done("Member suspended."),
});

export const liftSuspensionAction = defineAction({
  guard: "moderator",
  schema: liftSuspensionSchema,
  refusals: [ModerationError],
  run: (input, user) => liftSuspension({ moderator: user, ...input }),
  after: () => done("Suspension lifted."),
});

export const setRoleAction = defineAction({
  guard: "admin",
  schema: setRoleSchema,
  refusals: [ModerationError],
  run: (input, user) => setUserRole({ adminId: user.id, ...input }),
  after: (_result, input) => done(`Role changed to ${input.role}.`),
});

export const addWordFilterAction = defineAction({
  guard: "admin",
  schema: wordFilterSchema,
  refusals: [ModerationError],
  run: (input, user) => addWordFilter({ adminId: user.id, ...input }),
  after: (_result, input) => done(`“${input.phrase}” added to the word filter.`),
});

export const removeWordFilterAction = defineAction({
  guard: "admin",
  schema: removeWordFilterSchema,
  refusals: [ModerationError],
  run: (input, user) => removeWordFilter({ adminId: user.id, id: input.id }),
  after: () => done("Filter removed."),
});
