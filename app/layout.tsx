import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/account-menu";
import { NotificationBell } from "@/components/notification-bell";
import { SearchForm } from "@/components/search-form";
import { getCurrentUser, type CurrentUser } from "@/lib/current-user";
import { SITE_NAME } from "@/lib/page-metadata";
import { canAdminister, canEditArticles, canModerate } from "@/lib/permissions";
import { countUnreadNotifications } from "@/lib/queries/notifications";
import { countWaiting } from "@/lib/queries/waiting";
import { siteOrigin } from "@/lib/site-url";
import "./globals.css";
import "./header.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    // Absolute URLs in link previews and feeds: the configured public URL, else the host asked for.
    metadataBase: new URL(siteOrigin(await headers())),
    title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
    description: "Discuss an article point by point.",
    openGraph: { siteName: SITE_NAME, type: "website" },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const [waiting, unreadNotifications] = await Promise.all([countWaiting(user), user ? countUnreadNotifications(user.id) : 0]);
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header-inner">
            <Link href="/" className="brand">
              Agora
            </Link>
            <SearchForm id="header-search" className="header-search" />
            {/* On a phone the box gives its room to the account links: a search icon leads to /search's box. */}
            <Link href="/search" className="header-search-link" aria-label="Search">
              <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                <circle cx="11" cy="11" r="7" />
                <path d="m20 20-3.5-3.5" />
              </svg>
            </Link>
            <nav aria-label="Account" className="account-nav">
              {canModerate(user) && (
                <Link href="/mod" aria-label={`Moderation queue, ${waiting.total} waiting`}>
                  Queue <span className={waiting.total > 0 ? "count count-active" : "count"}>{waiting.total}</span>
                </Link>
              )}
              {user ? (
                <>
                  <NotificationBell unread={unreadNotifications} />
                  {/* Inline on wider screens, in the Menu on a phone: only one of the two is ever displayed. */}
                  <div className="account-links">
                    <AccountLinks user={user} />
                  </div>
                  <AccountMenu>
                    <AccountLinks user={user} />
                  </AccountMenu>
                </>
              ) : (
                <>
                  <Link href="/signin">Sign in</Link>
                  <Link href="/signup" className="button-link">
                    Sign up
                  </Link>
                </>
              )}
            </nav>
          </div>
        </header>
        <div id="content">{children}</div>
        <footer className="site-footer">Agora — open-source discussion, one thread per point.</footer>
      </body>
    </html>
  );
}

/** A signed-in member's own links: the staff pages they may open, their page, settings, signing out. */
function AccountLinks({ user }: { user: CurrentUser }) {
  return (
    <>
      {canEditArticles(user) && <Link href="/editor">Editor</Link>}
      {canAdminister(user) && <Link href="/admin">Admin</Link>}
      <Link href={`/u/${user.id}`} className="account-name">
        {user.name ?? "Your profile"}
      </Link>
      <Link href="/settings">Settings</Link>
      <form method="post" action="/signout">
        <button type="submit" className="link-button">
          Sign out
        </button>
      </form>
    </>
  );
}
