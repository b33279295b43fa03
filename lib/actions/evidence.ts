"use server";

import { after } from "next/server";
import { revalidatePath } from "next/cache";
import { defineAction } from "./define-action";
import { refreshThread } from "./refresh";
import { getClientIp } from "@/lib/client-ip";
import { isEmailEnabled } from "@/lib/env";
import { sendNotificationEmails } from "@/lib/notification-email";
import { CorrectionError, createCorrection } from "@/lib/queries/corrections";
import { requestSource, SourceRequestError, withdrawSourceRequest } from "@/lib/queries/source-requests";
import { enforceRateLimits } from "@/lib/rate-limit";
import { correctionSchema, sourceRequestSchema } from "@/lib/validations/evidence";

/** "Needs a source" on someone else's comment (asking twice changes nothing), or taking one's request back. */
export const sourceRequestAction = defineAction({
  guard: "writer",
  schema: sourceRequestSchema,
  refusals: [SourceRequestError],
  async run(input, user) {
    if (input.intent === "withdraw") {
      const { comment } = await withdrawSourceRequest({ commentId: input.commentId, requesterId: user.id });
      return { threadId: comment.threadId, message: "Request taken back." };
    }
    const result = await requestSource({ commentId: input.commentId, requester: user });
    const notificationId = result.notificationId;
    if (notificationId && isEmailEnabled) after(() => sendNotificationEmails([notificationId]));
    return { threadId: result.comment.threadId, message: result.added ? "Asked the author for a source." : "You have already asked for a source." };
  },
  // The request shows on the comment, in its thread alone (the author's notification is their own page's).
  after({ threadId, message }) {
    revalidatePath(`/t/${threadId}`, "layout");
    return { ok: true, message };
  },
});

/** "Suggest a correction": the article or the point's summary is wrong. Goes to the editors' queue. */
export const suggestCorrectionAction = defineAction({
  guard: "writer",
  schema: correctionSchema,
  keep: ["claim", "target"],
  refusals: [CorrectionError],
  async run(input, user) {
    await enforceRateLimits([
      { limit: "correction:user", key: user.id },
      { limit: "correction:ip", key: await getClientIp() },
    ]);
    return createCorrection({ ...input, requester: user });
  },
  // The editors' queue gains it, and the member's own list under the point shows it (the point's context says
  // who has such a list).
  async after(correction) {
    revalidatePath("/mod/corrections");
    await refreshThread(correction.threadId);
    return { ok: true, message: "Thanks. The editors will review your correction; its outcome will show here." };
  },
});
