import Link from "next/link";

/** The header's link to /notifications, with the unread count on a badge (and in its accessible name). */
export function NotificationBell({ unread }: { unread: number }) {
  return (
    <Link href="/notifications" className="bell" aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}>
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread > 0 && <span className="count count-active">{unread > 99 ? "99+" : unread}</span>}
    </Link>
  );
}
