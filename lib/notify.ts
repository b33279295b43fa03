import { afterResponse } from "@/lib/after-response";
import { isEmailEnabled } from "@/lib/env";
import { sendNoticeEmails, sendNotificationEmails } from "@/lib/notification-email";
import { notifyAboutComment } from "@/lib/queries/notifications";

/**
 * Called by a server action once a comment is written and committed (posted, edited, approved, restored): after
 * the response has gone, creates the notifications it owes and, when email is on, sends their emails. Nothing
 * here may fail or slow the action, so errors are logged and swallowed (lib/after-response.ts).
 */
export async function notifyAfterComment(commentId: string): Promise<void> {
  await afterResponse(
    "creating notifications failed",
    async () => {
      const created = await notifyAboutComment(commentId);
      if (created.length > 0 && isEmailEnabled) await sendNotificationEmails(created);
    },
    { commentId },
  );
}

/** Called once a moderation decision has committed: emails the notices it created (when email is on). */
export async function emailNoticesAfterResponse(noticeIds: string[]): Promise<void> {
  if (noticeIds.length === 0 || !isEmailEnabled) return;
  await afterResponse("sending notice emails failed", () => sendNoticeEmails(noticeIds), { noticeIds });
}
