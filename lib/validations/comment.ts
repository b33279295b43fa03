import { z } from "zod";
import { COMMENT_MAX_LENGTH, STANCES, type StanceValue } from "./comment-limits";
import { storableText } from "./text";

export { COMMENT_MAX_LENGTH, STANCES, type StanceValue };

const id = z
  .string({ error: "Missing id." })
  .trim()
  .min(1, { error: "Missing id." })
  .max(64, { error: "Invalid id." })
  .regex(/^[a-z0-9]+$/i, { error: "Invalid id." });

export const commentBody = z.preprocess(
  storableText,
  z
    .string({ error: "Write a comment first." })
    .trim()
    .min(1, { error: "Write a comment first." })
    .max(COMMENT_MAX_LENGTH, {
      error: (issue) =>
        `Comments are at most ${COMMENT_MAX_LENGTH.toLocaleString("en-US")} characters (this one has ${String(issue.input).length.toLocaleString("en-US")}).`,
    }),
);

/**
 * The stance radio group: "" (No stance) is null; a field left out entirely (a reply's form, an edit form without
 * the choice) is undefined, which leaves the stance as it is.
 */
export const stanceField = z.preprocess(
  (value) => (value === "" ? null : value),
  z.enum(STANCES, { error: "Choose a stance: agrees, disagrees, adds context or none." }).nullable().optional(),
);

export const createCommentSchema = z.object({
  threadId: id,
  // An empty parentId is a top-level comment.
  parentId: z.preprocess((value) => (value === "" ? undefined : value), id.optional()),
  body: commentBody,
  stance: stanceField,
  // Sent by a thread page with JavaScript, which shows the posted comment in place: the answer is the comment
  // (lib/posted-comment.ts) rather than a redirect to it.
  answer: z.literal("inline").optional(),
});

export const editCommentSchema = z.object({ commentId: id, body: commentBody, stance: stanceField });

/** The thread page's stance filter (?stance=): anything else shows every stance. */
export const stanceFilterSchema = z.enum(STANCES).optional().catch(undefined);

export const deleteCommentSchema = z.object({ commentId: id });

export const voteSchema = z.object({ commentId: id });

/** How a thread orders its top-level comments (replies always read oldest first under their parent). */
export const COMMENT_SORTS = ["oldest", "newest", "top"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];
export const commentSortSchema = z.enum(COMMENT_SORTS).catch("oldest");

export type CreateCommentInput = z.infer<typeof createCommentSchema>;
