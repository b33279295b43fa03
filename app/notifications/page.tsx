import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { RelativeTime } from "@/components/relative-time";
import { getCurrentUser } from "@/lib/current-user";
import { isEmailEnabled } from "@/lib/env";
import { tidySnippet } from "@/lib/search-highlight";
import { countUnreadNotifications, getNotifications, type NotificationItem } from "@/lib/queries/notifications";
import { noticeLinkLabel } from "@/lib/moderation-notices";
import { getNotices, type NoticeItem } from "@/lib/queries/notices";
import { markAllNotificationsReadAction, openNoticeAction, openNotificationAction } from "@/lib/actions/notifications";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Notifications", robots: { index: false } };

type Props = { searchParams: Promise<{ before?: string | string[] }> };

const EXCERPT_LENGTH = 160;

function excerpt(body: string): string {
  const text = tidySnippet(body);
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
}

export default async function NotificationsPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fnotifications");
  const rawBefore = (await searchParams).before;
  const before = typeof rawBefore === "string" ? rawBefore : undefined;
  const [{ notifications, nextCursor }, notices, unread] = await Promise.all([
    getNotifications(user.id, before),
    before ? Promise.resolve([]) : getNotices(user.id),
    countUnreadNotifications(user.id),
  ]);

  return (
    <main className="notifications-page">
      <div className={styles.head}>
        <h1>Notifications</h1>
        {unread > 0 && (
          <form action={markAllNotificationsReadAction}>
            <button type="submit" className="button-secondary">
              Mark all as read
            </button>
          </form>
        )}
      </div>
      <p className="hint">
        Replies to your comments, comments that mention you, and members asking for a source for one of yours. To mention someone who has commented in a thread,
        write @ and their display name without spaces: <strong>@AdaLovelace</strong> for Ada Lovelace.
      </p>
      {notices.length > 0 && (
        <section aria-labelledby="notices-heading" className={styles.noticeSection}>
          <h2 id="notices-heading">From the moderators</h2>
          <ol className={styles.list} aria-label="Moderation notices">
            {notices.map((notice) => (
              <NoticeEntry key={notice.id} notice={notice} />
            ))}
          </ol>
        </section>
      )}
      {notices.length > 0 && <h2 className={styles.noticeSectionNext}>Replies and mentions</h2>}
      {notifications.length === 0 ? (
        <p className="empty">{before ? "No older notifications." : "Nothing yet. Replies and mentions will show up here."}</p>
      ) : (
        <ol className={styles.list} aria-label="Your notifications">
          {notifications.map((notification) => (
            <NotificationEntry key={notification.id} notification={notification} />
          ))}
        </ol>
      )}
      {nextCursor && (
        <p>
          <Link href={`/notifications?before=${nextCursor}`}>Older notifications →</Link>
        </p>
      )}
      {isEmailEnabled && (
        <p className={`hint ${styles.settings}`}>
          Whether replies and mentions are also emailed to you is set on <Link href="/settings#email-notifications">your settings page</Link>.
        </p>
      )}
    </main>
  );
}

function NotificationEntry({ notification }: { notification: NotificationItem }) {
  const { comment } = notification;
  const unread = notification.readAt === null;
  const author = comment.author.name ?? "Someone";
  const what = notification.kind === "reply" ? "replied to your comment" : "mentioned you";
  const summary =
    notification.kind === "source_request" ? (
      // The comment is the recipient's own; who asked stays unnamed, as on the comment itself.
      <>
        Someone asked for a source for your comment on <em>{comment.thread.title}</em>
      </>
    ) : (
      <>
        <strong>{author}</strong> {what} on <em>{comment.thread.title}</em>
      </>
    );
  return (
    <li className={unread ? `${styles.notification} ${styles.unread}` : styles.notification}>
      <form action={openNotificationAction}>
        <input type="hidden" name="notificationId" value={notification.id} />
        <button type="submit" className={styles.open}>
          <span className={styles.summary}>
            {unread && <span className={styles.new}>New: </span>}
            {summary}
          </span>
          <span className={styles.excerpt}>{excerpt(comment.body)}</span>
        </button>
      </form>
      <p className="comment-meta">
        <RelativeTime date={notification.createdAt} />
      </p>
    </li>
  );
}

/** A moderation notice: its title, its plain-words body, and a button to where it points (marks it read). */
function NoticeEntry({ notice }: { notice: NoticeItem }) {
  const unread = notice.readAt === null;
  return (
    <li className={unread ? `${styles.notification} ${styles.unread}` : styles.notification}>
      <form action={openNoticeAction}>
        <input type="hidden" name="noticeId" value={notice.id} />
        <button type="submit" className={styles.open}>
          <span className={styles.summary}>
            {unread && <span className={styles.new}>New: </span>}
            <strong>{notice.title}</strong>
          </span>
          {notice.body.split("\n").map((line, index) => (
            <span key={index} className={`${styles.excerpt} ${styles.noticeLine}`}>
              {line}
            </span>
          ))}
          <span className={styles.noticeGo}>{noticeLinkLabel(notice.kind)}</span>
        </button>
      </form>
      <p className="comment-meta">
        <RelativeTime date={notice.createdAt} />
      </p>
    </li>
  );
}
