"use server";

import { revalidatePath } from "next/cache";
import { failed, invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { refusalFrom } from "@/lib/action-guards";
import { getCurrentUser } from "@/lib/current-user";
import { AppealError, fileAppeal } from "@/lib/queries/appeals";
import { fileAppealSchema } from "@/lib/validations/appeal";

/** Appeals a moderation decision that fell on the caller. Open to a suspended member: appealing is what is left. */
export async function fileAppealAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["body"]);
  const user = await getCurrentUser();
  if (!user) return failed("Your session has ended. Sign in again to continue.", values);
  const parsed = parseForm(fileAppealSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await fileAppeal({ appellant: user, ...parsed.data });
  } catch (error) {
    return refusalFrom(error, [AppealError], values);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Appeal sent. Another moderator will look at it." };
}
