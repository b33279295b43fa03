"use server";

import { revalidatePath } from "next/cache";
import { invalid, parseForm, type ActionState } from "@/lib/action-state";
import { refusalFrom, requireModerator } from "@/lib/action-guards";
import { notifyAfterComment } from "@/lib/notify";
import { AppealError, decideAppeal } from "@/lib/queries/appeals";
import { decideAppealSchema } from "@/lib/validations/appeal";

/** Upholds or overturns an appeal; the query refuses the moderator who took the decision appealed. */
export async function decideAppealAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireModerator();
  if (refusal) return refusal;
  const parsed = parseForm(decideAppealSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  let decided;
  try {
    decided = await decideAppeal({ decider: user, appealId: parsed.data.appealId, outcome: parsed.data.kind, reason: parsed.data.reason });
  } catch (error) {
    return refusalFrom(error, [AppealError]);
  }
  // A comment visible again: its replies and mentions notify, once (as a restore does).
  if (parsed.data.kind === "overturned" && decided.commentId) await notifyAfterComment(decided.commentId);
  revalidatePath("/", "layout");
  return { ok: true, message: parsed.data.kind === "overturned" ? "Appeal granted: the decision is overturned." : "Decision upheld." };
}
