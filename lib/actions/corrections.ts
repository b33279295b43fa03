"use server";

import { defineAction } from "./define-action";
import { refreshSite } from "./refresh";
import { CorrectionError, decideCorrection } from "@/lib/queries/corrections";
import { decideCorrectionSchema } from "@/lib/validations/evidence";

/** An editor accepts a correction request (with its public note) or rejects it (with a reason); logged, once. */
export const decideCorrectionAction = defineAction({
  // Re-reads the caller's role from the database: a demoted or suspended editor is refused.
  guard: "moderator",
  schema: decideCorrectionSchema,
  keep: ["note", "reason"],
  refusals: [CorrectionError],
  async run(input, user) {
    const decision = input.kind === "accept" ? { kind: "accept" as const, note: input.note } : { kind: "reject" as const, reason: input.reason };
    return decideCorrection({ correctionId: input.correctionId, editor: user, decision });
  },
  // The note shows on the point's thread, on its article's page and in the moderators' header count: site-wide
  // (the point's own thread context is the one that changed).
  async after(decided, input) {
    await refreshSite({ threadId: decided.threadId });
    return { ok: true, message: input.kind === "accept" ? "Correction accepted: its note is now on the point." : "Correction rejected." };
  },
});
