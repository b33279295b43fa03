import { z } from "zod";
import { storableText } from "./text";
import { id, reason } from "./moderation";

export const APPEAL_MAX_LENGTH = 2000;

export const fileAppealSchema = z.object({
  logId: id,
  body: z.preprocess(
    storableText,
    z
      .string({ error: "Say why the decision should change." })
      .trim()
      .min(1, { error: "Say why the decision should change." })
      .max(APPEAL_MAX_LENGTH, { error: `Appeals are at most ${APPEAL_MAX_LENGTH} characters.` }),
  ),
});

export const decideAppealSchema = z.object({
  appealId: id,
  /** The button pressed (ActionForm names its choices "kind"). */
  kind: z.enum(["upheld", "overturned"], { error: "Choose to uphold or overturn the decision." }),
  reason,
});
