"use server";

import { defineAction } from "./define-action";
import { refreshSite } from "./refresh";
import { notifyAfterComment } from "@/lib/notify";
import { AppealError, decideAppeal } from "@/lib/queries/appeals";
import { decideAppealSchema } from "@/lib/validations/appeal";

/** Upholds or overturns an appeal; the query refuses the moderator who took the decision appealed. */
export const decideAppealAction = defineAction({
  guard: "moderator",
  schema: decideAppealSchema,
  refusals: [AppealError],
  run: (input, user) => decideAppeal({ decider: user, appealId: input.appealId, outcome: input.kind, reason: input.reason }),
  async after(decided, input) {
    // A comment visible again: its replies and mentions notify, once (as a restore does).
    if (input.kind === "overturned" && decided.commentId) await notifyAfterComment(decided.commentId);
    // Overturning is a moderation decision: it shows wherever the comment or the member does, and in staff headers.
    await refreshSite();
    return { ok: true, message: input.kind === "overturned" ? "Appeal granted: the decision is overturned." : "Decision upheld." };
  },
});
