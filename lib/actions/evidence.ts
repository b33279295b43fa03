"use server";

import { after } from "next/server";
import { revalidatePath } from "next/cache";
import { invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { refusalFrom, requireWriter } from "@/lib/action-guards";
import { getClientIp } from "@/lib/client-ip";
import { isEmailEnabled } from "@/lib/env";
import { sendNotificationEmails } from "@/lib/notification-email";
import { CorrectionError, createCorrection } from "@/lib/queries/corrections";
import { requestSource, SourceRequestError, withdrawSourceRequest } from "@/lib/queries/source-requests";
import { enforceRateLimits } from "@/lib/rate-limit";
import { correctionSchema, sourceRequestSchema } from "@/lib/validations/evidence";

/** "Needs a source" on someone else's comment (asking twice changes nothing), or taking one's request back. */
export async function sourceRequestAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireWriter();
  if (refusal) return refusal;
  const parsed = parseForm(sourceRequestSchema, formData);
  if (!parsed.success) return invalid(parsed.error);

  let threadId: string;
  let message: string;
  try {
    if (parsed.data.intent === "withdraw") {
      threadId = (await withdrawSourceRequest({ commentId: parsed.data.commentId, requesterId: user.id })).comment.threadId;
      message = "Request taken back.";
    } else {
      const result = await requestSource({ commentId: parsed.data.commentId, requester: user });
      threadId = result.comment.threadId;
      message = result.added ? "Asked the author for a source." : "You have already asked for a source.";
      const notificationId = result.notificationId;
      if (notificationId && isEmailEnabled) after(() => sendNotificationEmails([notificationId]));
    }
  } catch (error) {
    return refusalFrom(error, [SourceRequestError]);
  }
  revalidatePath(`/t/${threadId}`, "layout");
  return { ok: true, message };
}

/** "Suggest a correction": the article or the point's summary is wrong. Goes to the editors' queue. */
export async function suggestCorrectionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["claim", "target"]);
  const { user, refusal } = await requireWriter(values);
  if (refusal) return refusal;
  const parsed = parseForm(correctionSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);

  let correction;
  try {
    await enforceRateLimits([
      { limit: "correction:user", key: user.id },
      { limit: "correction:ip", key: await getClientIp() },
    ]);
    correction = await createCorrection({ ...parsed.data, requester: user });
  } catch (error) {
    return refusalFrom(error, [CorrectionError], values);
  }
  revalidatePath("/mod/corrections");
  revalidatePath(`/t/${correction.threadId}`, "layout");
  return { ok: true, message: "Thanks. The editors will review your correction; its outcome will show here." };
}
