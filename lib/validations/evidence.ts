import { z } from "zod";
import { storableText } from "./text";

// Every field names its refusal: a missing field or a file sent in its place gets a sentence, not zod's default.
const id = z
  .string({ error: "Missing id." })
  .trim()
  .min(1, { error: "Missing id." })
  .max(64, { error: "Invalid id." })
  .regex(/^[a-z0-9]+$/i, { error: "Invalid id." });

/** Ask for a source (idempotent), or take one's request back. */
export const sourceRequestSchema = z.object({
  commentId: id,
  intent: z.preprocess(
    (value) => value ?? "request",
    z.enum(["request", "withdraw"], { error: "Choose whether to ask for a source or take the request back." }),
  ),
});

export const CORRECTION_TARGETS = ["article", "summary"] as const;
export const CORRECTION_TARGET_LABELS: Record<(typeof CORRECTION_TARGETS)[number], string> = {
  article: "The article",
  summary: "The point's summary",
};
export const CLAIM_MIN_LENGTH = 10;
export const CLAIM_MAX_LENGTH = 1000;
export const DECISION_MAX_LENGTH = 500;

const text = (missing: string, max: number, min = 1) =>
  z.preprocess(
    storableText,
    z
      .string({ error: missing })
      .trim()
      .min(min, { error: min > 1 ? `Say what is wrong in at least ${min} characters.` : missing })
      .max(max, { error: `At most ${max} characters.` }),
  );

export const correctionSchema = z.object({
  threadId: id,
  target: z.enum(CORRECTION_TARGETS, { error: "Choose what is wrong: the article or the point's summary." }),
  claim: text("Say what is wrong, and what is right.", CLAIM_MAX_LENGTH, CLAIM_MIN_LENGTH),
});

export const decideCorrectionSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ correctionId: id, kind: z.literal("accept"), note: text("Write the public note: everyone reading the point sees it.", DECISION_MAX_LENGTH) }),
    z.object({ correctionId: id, kind: z.literal("reject"), reason: text("Give a reason: the member who asked sees it.", DECISION_MAX_LENGTH) }),
  ],
  { error: "Choose whether to accept or reject the correction." },
);
