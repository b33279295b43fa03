import { z } from "zod";
import { MODERATION_ACTIONS } from "@/lib/moderation-actions";
import { REASON_MAX_LENGTH, REPORT_REASON_LABELS, REPORT_REASONS } from "./moderation-limits";
import { storableText } from "./text";

export { REASON_MAX_LENGTH, REPORT_REASON_LABELS, REPORT_REASONS };

// Every field names its refusal: a missing field or a file sent in its place gets a sentence, not zod's default.
export const id = z
  .string({ error: "Missing id." })
  .trim()
  .min(1, { error: "Missing id." })
  .max(64, { error: "Invalid id." })
  .regex(/^[a-z0-9]+$/i, { error: "Invalid id." });
const optionalId = z.preprocess((value) => (value === "" ? undefined : value), id.optional());
const emptyToUndefined = (value: unknown) => {
  const text = storableText(value);
  return typeof text === "string" && text.trim() === "" ? undefined : text;
};

export const reason = z.preprocess(
  storableText,
  z
    .string({ error: "Give a reason: members see it." })
    .trim()
    .min(1, { error: "Give a reason: members see it." })
    .max(REASON_MAX_LENGTH, { error: `Reasons are at most ${REASON_MAX_LENGTH} characters.` }),
);
export const optionalReason = z.preprocess(emptyToUndefined, reason.optional());

export const reportSchema = z.object({
  threadId: id,
  commentId: optionalId,
  reason: z.enum(REPORT_REASONS, { error: "Choose a reason for the report." }),
  note: z.preprocess(
    emptyToUndefined,
    z
      .string({ error: "Notes are plain text." })
      .trim()
      .max(REASON_MAX_LENGTH, { error: `Notes are at most ${REASON_MAX_LENGTH} characters.` })
      .optional(),
  ),
});

export const moderateCommentSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ commentId: id, kind: z.literal("hide"), reason }),
    z.object({ commentId: id, kind: z.literal("remove"), reason }),
    z.object({ commentId: id, kind: z.literal("restore"), reason: optionalReason }),
    z.object({ commentId: id, kind: z.literal("approve"), reason: optionalReason }),
  ],
  { error: "Choose what to do with the comment." },
);

export const dismissReportsSchema = z.object({ threadId: id, commentId: optionalId, reason: optionalReason });

export const moderateThreadSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ threadId: id, kind: z.literal("lock"), reason }),
    z.object({ threadId: id, kind: z.literal("unlock"), reason: optionalReason }),
    z.object({ threadId: id, kind: z.literal("pin"), reason: optionalReason }),
    z.object({ threadId: id, kind: z.literal("unpin"), reason: optionalReason }),
  ],
  { error: "Choose what to do with the thread." },
);

export const suspendUserSchema = z.object({
  userId: id,
  duration: z.enum(["1d", "7d", "30d", "permanent"], { error: "Choose how long the suspension lasts." }),
  reason,
  commentId: optionalId,
});

export const liftSuspensionSchema = z.object({ userId: id, reason: optionalReason });

export const setRoleSchema = z.object({
  userId: id,
  role: z.enum(["member", "moderator", "editor", "admin"], { error: "Choose a role." }),
});

export const wordFilterSchema = z.object({
  phrase: z.preprocess(
    storableText,
    z
      .string({ error: "Enter a phrase to filter." })
      .trim()
      .toLowerCase()
      .min(2, { error: "Filter phrases are at least 2 characters." })
      .max(100, { error: "Filter phrases are at most 100 characters." }),
  ),
  action: z.enum(["block", "queue"], { error: "Choose what the filter does." }),
});

export const removeWordFilterSchema = z.object({ id });

export const logFiltersSchema = z.object({
  moderator: optionalId,
  action: z.preprocess(emptyToUndefined, z.enum(MODERATION_ACTIONS).optional()).catch(undefined),
  user: optionalId,
  /** A member's display name, typed: the page finds who it is (lib/queries/moderation-log.ts findMemberByName). */
  member: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()).catch(undefined),
  before: optionalId,
});
