import { after } from "next/server";
import { isEmailEnabled } from "@/lib/env";
import { log, serializeError } from "@/lib/logger";
import { sendNotificationEmails } from "@/lib/notification-email";
import { notifyAboutComment } from "@/lib/queries/notifications";

/**
 * Called by a server action once a comment is written (posted, edited, approved, restored): creates the
 * notifications it owes and, when email is on, sends their emails after the response has gone. The comment is
 * already committed: nothing here may fail or slow the action, so errors are logged and swallowed.
 */
export async function notifyAfterComment(commentId: string): Promise<void> {
  let created: string[];
  try {
    created = await notifyAboutComment(commentId);
  } catch (error) {
    log("error", "creating notifications failed", { commentId, error: serializeError(error) });
    return;
  }
  if (created.length > 0 && isEmailEnabled) after(() => sendNotificationEmails(created));
}
