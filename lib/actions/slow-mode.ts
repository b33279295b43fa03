"use server";

import { defineAction } from "./define-action";
import { refreshThread } from "./refresh";
import { setSlowMode, SlowModeError } from "@/lib/queries/slow-mode";
import { setSlowModeSchema } from "@/lib/validations/slow-mode";

/** A moderator switches a thread's slow mode on or off by hand. */
export const setSlowModeAction = defineAction({
  guard: "moderator",
  schema: setSlowModeSchema,
  refusals: [SlowModeError],
  run: (input, user) => setSlowMode({ moderatorId: user.id, threadId: input.threadId, on: input.kind === "on", reason: input.reason }),
  // The banner and the comment form's wait are the thread's alone.
  async after(_result, input) {
    await refreshThread(input.threadId);
    return { ok: true, message: input.kind === "on" ? "Slow mode is on." : "Slow mode is off." };
  },
});
