"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireParticipant, refusalFrom } from "@/lib/action-guards";
import { invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { displayNameSchema, NameTakenError } from "@/lib/display-name";
import { changeDisplayName } from "@/lib/queries/display-names";
import { enforceRateLimits } from "@/lib/rate-limit";

const changeNameSchema = z.object({ name: displayNameSchema });

/** A member changes their own display name: the sign-up rules, a unique key, three changes a day. */
export async function changeDisplayNameAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["name"]);
  const { user, refusal } = await requireParticipant(values);
  if (refusal) return refusal;
  const parsed = parseForm(changeNameSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await enforceRateLimits([{ limit: "name:user", key: user.id }]);
    const { changed } = await changeDisplayName({ userId: user.id, name: parsed.data.name });
    if (!changed) return { ok: true, message: "That is already your display name.", values };
  } catch (error) {
    const answer = refusalFrom(error, [NameTakenError], values);
    return error instanceof NameTakenError ? { ...answer, fieldErrors: { name: [answer.message!] } } : answer;
  }
  revalidatePath("/", "layout");
  return { ok: true, message: `Your display name is now “${parsed.data.name}”.`, values: { name: parsed.data.name } };
}
