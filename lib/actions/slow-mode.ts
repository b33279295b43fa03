"use server";

import { revalidatePath } from "next/cache";
import { invalid, parseForm, type ActionState } from "@/lib/action-state";
import { refusalFrom, requireModerator } from "@/lib/action-guards";
import { setSlowMode, SlowModeError } from "@/lib/queries/slow-mode";
import { setSlowModeSchema } from "@/lib/validations/slow-mode";

/** A moderator switches a thread's slow mode on or off by hand. */
export async function setSlowModeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireModerator();
  if (refusal) return refusal;
  const parsed = parseForm(setSlowModeSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await setSlowMode({ moderatorId: user.id, threadId: parsed.data.threadId, on: parsed.data.kind === "on", reason: parsed.data.reason });
  } catch (error) {
    return refusalFrom(error, [SlowModeError]);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: parsed.data.kind === "on" ? "Slow mode is on." : "Slow mode is off." };
}
