"use server";

import { defineAction } from "./define-action";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { parseForm } from "@/lib/action-state";
import { commentHref } from "@/lib/reply-tree";
import { getCurrentUser } from "@/lib/current-user";
import { openNotice } from "@/lib/queries/notices";
import { markAllNotificationsRead, openNotification, setEmailNotifications } from "@/lib/queries/notifications";
import { emailNotificationsSchema, openNoticeSchema, openNotificationSchema } from "@/lib/validations/notification";

// Reading one's notifications needs a session, not good standing: a suspended member can still read them.
// Reading one changes the unread count in every page's header, so those revalidate the whole site.
const SIGN_IN = "/signin?callbackUrl=%2Fnotifications";

/** Marks a notification read and goes to the comment it is about (or back to the list if that is gone). */
export async function openNotificationAction(formData: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect(SIGN_IN);
  const parsed = parseForm(openNotificationSchema, formData);
  const comment = parsed.success ? await openNotification(user.id, parsed.data.notificationId) : null;
  revalidatePath("/", "layout");
  redirect(comment ? commentHref(comment.threadId, comment) : "/notifications");
}

/** Marks a moderation notice read and goes where it points (the appeals page, the thread), or back to the list. */
export async function openNoticeAction(formData: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect(SIGN_IN);
  const parsed = parseForm(openNoticeSchema, formData);
  const href = parsed.success ? await openNotice(user.id, parsed.data.noticeId) : null;
  revalidatePath("/", "layout");
  // Stored paths only ever start with one "/" (lib/moderation-notices.ts); anything else stays on this page.
  redirect(href && /^\/(?!\/)/.test(href) ? href : "/notifications");
}

export async function markAllNotificationsReadAction(): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect(SIGN_IN);
  await markAllNotificationsRead(user.id);
  revalidatePath("/", "layout");
}

/** The email-notification switch; its form lives on /settings. */
export const emailNotificationsAction = defineAction({
  guard: "signedIn",
  schema: emailNotificationsSchema,
  run: (input, user) => setEmailNotifications(user.id, input.emailNotifications === "on").then(() => input.emailNotifications === "on"),
  // The switch shows on /settings alone.
  after(enabled) {
    revalidatePath("/settings");
    return { ok: true, message: enabled ? "You will get an email for replies and mentions." : "No more emails: replies and mentions show here only." };
  },
});
