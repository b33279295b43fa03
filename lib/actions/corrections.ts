"use server";

import { revalidatePath } from "next/cache";
import { invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { refusalFrom, requireModerator } from "@/lib/action-guards";
import { CorrectionError, decideCorrection } from "@/lib/queries/corrections";
import { decideCorrectionSchema } from "@/lib/validations/evidence";

/** An editor accepts a correction request (with its public note) or rejects it (with a reason); logged, once. */
export async function decideCorrectionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["note", "reason"]);
  // Re-reads the caller's role from the database: a demoted or suspended editor is refused.
  const { user, refusal } = await requireModerator();
  if (refusal) return refusal;
  const parsed = parseForm(decideCorrectionSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);

  const decision =
    parsed.data.kind === "accept" ? { kind: "accept" as const, note: parsed.data.note } : { kind: "reject" as const, reason: parsed.data.reason };
  try {
    await decideCorrection({ correctionId: parsed.data.correctionId, editor: user, decision });
  } catch (error) {
    return refusalFrom(error, [CorrectionError], values);
  }
  // The note shows on the point's thread and on its article's page.
  revalidatePath("/", "layout");
  return { ok: true, message: decision.kind === "accept" ? "Correction accepted: its note is now on the point." : "Correction rejected." };
}
