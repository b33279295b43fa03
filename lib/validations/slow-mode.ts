import { z } from "zod";
import { id, optionalReason } from "./moderation";

export const setSlowModeSchema = z.object({
  threadId: id,
  kind: z.enum(["on", "off"], { error: "Choose to switch slow mode on or off." }),
  reason: optionalReason,
});
