import nodemailer, { type Transporter } from "nodemailer";
import { commentHref } from "@/lib/reply-tree";
import { env } from "@/lib/env";
import { log, serializeError } from "@/lib/logger";
import { getNoticesToEmail, type NoticeToEmail } from "@/lib/queries/notices";
import { getNotificationsToEmail, type NotificationToEmail } from "@/lib/queries/notifications";
import { tidySnippet } from "@/lib/search-highlight";

// Reply and mention emails, through the SMTP server of SMTP_URL (off when unset). Plain text only: nothing a
// commenter wrote is ever interpreted as HTML by a mail client. Sending happens after the comment's transaction
// has committed and after the response has gone (lib/notify.ts); a failure is logged, never shown to the poster.

const EXCERPT_LENGTH = 300;
// An unreachable server must not keep a background task alive for minutes (nodemailer's defaults).
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

const shared = globalThis as unknown as { agoraMailer?: Transporter };

/** The SMTP transport of SMTP_URL, or null when the forum sends no email. */
export function mailer(): Transporter | null {
  if (!env.SMTP_URL) return null;
  shared.agoraMailer ??= nodemailer.createTransport({ url: env.SMTP_URL, ...TIMEOUTS });
  return shared.agoraMailer;
}

/** Where the links point: the public origin in AUTH_URL (lib/env.ts refuses SMTP_URL without it). */
export function publicOrigin(): string {
  return new URL(env.AUTH_URL ?? "http://localhost:3000").origin;
}

/** The From header: MAIL_FROM, or Agora at the public host. */
export function mailFrom(): string {
  return env.MAIL_FROM ?? `Agora <no-reply@${new URL(publicOrigin()).hostname}>`;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function excerpt(body: string): string {
  const text = tidySnippet(body);
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
}

export type NotificationEmail = { to: string; subject: string; text: string };

/** The email for one notification: who wrote what where, an excerpt, the comment's permalink. */
export function composeNotificationEmail(notification: NotificationToEmail, origin: string): NotificationEmail {
  const { comment, recipient } = notification;
  const author = oneLine(comment.author.name ?? "Someone");
  const thread = oneLine(comment.thread.title);
  const what = notification.kind === "reply" ? "replied to your comment" : "mentioned you";
  if (notification.kind === "source_request") return composeSourceRequestEmail(notification, origin);
  const permalink = new URL(commentHref(comment.threadId, comment), origin).toString();
  return {
    to: recipient.email!,
    subject: `${author} ${what} on “${thread}”`,
    text: [
      `${author} ${what} on “${thread}”:`,
      "",
      `> ${excerpt(comment.body)}`,
      "",
      `Read it and reply: ${permalink}`,
      "",
      "—",
      `You get these emails for replies to your comments and mentions of you on Agora. Turn them off on ${new URL("/notifications", origin)}`,
    ].join("\n"),
  };
}

/** A source request's email: the comment is the recipient's own, and who asked is not named. */
function composeSourceRequestEmail(notification: NotificationToEmail, origin: string): NotificationEmail {
  const { comment, recipient } = notification;
  const thread = oneLine(comment.thread.title);
  const permalink = new URL(commentHref(comment.threadId, comment), origin).toString();
  return {
    to: recipient.email!,
    subject: `Someone asked for a source for your comment on “${thread}”`,
    text: [
      `Someone asked for a source for your comment on “${thread}”:`,
      "",
      `> ${excerpt(comment.body)}`,
      "",
      `Edit it to add a link: ${permalink}`,
      "",
      "—",
      `Turn these emails off on ${new URL("/notifications", origin)}`,
    ].join("\n"),
  };
}

/**
 * Sends the emails these notifications call for (recipients with an address who want them). Never throws: each
 * failure is logged. Returns how many were sent.
 */
export async function sendNotificationEmails(notificationIds: string[]): Promise<number> {
  const transport = mailer();
  if (!transport || notificationIds.length === 0) return 0;
  let sent = 0;
  try {
    const origin = publicOrigin();
    for (const notification of await getNotificationsToEmail(notificationIds)) {
      try {
        await transport.sendMail({ from: mailFrom(), ...composeNotificationEmail(notification, origin) });
        sent += 1;
      } catch (error) {
        log("error", "notification email failed", { notificationId: notification.id, error: serializeError(error) });
      }
    }
  } catch (error) {
    log("error", "notification emails failed", { notificationIds, error: serializeError(error) });
  }
  return sent;
}

/** A moderation notice's email: its own plain words, and the link it points to (the appeals page, the thread). */
export function composeNoticeEmail(notice: NoticeToEmail, origin: string): NotificationEmail {
  return {
    to: notice.recipient.email!,
    subject: oneLine(notice.title),
    text: [
      notice.title,
      "",
      notice.body,
      "",
      `Open it: ${new URL(notice.href, origin)}`,
      "",
      "—",
      `Turn these emails off on ${new URL("/notifications", origin)}`,
    ].join("\n"),
  };
}

/** Sends the emails these notices call for. Never throws: each failure is logged. Returns how many were sent. */
export async function sendNoticeEmails(noticeIds: string[]): Promise<number> {
  const transport = mailer();
  if (!transport || noticeIds.length === 0) return 0;
  let sent = 0;
  try {
    const origin = publicOrigin();
    for (const notice of await getNoticesToEmail(noticeIds)) {
      try {
        await transport.sendMail({ from: mailFrom(), ...composeNoticeEmail(notice, origin) });
        sent += 1;
      } catch (error) {
        log("error", "notice email failed", { noticeId: notice.id, error: serializeError(error) });
      }
    }
  } catch (error) {
    log("error", "notice emails failed", { noticeIds, error: serializeError(error) });
  }
  return sent;
}
