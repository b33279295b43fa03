import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/auth-actions";
import { getCurrentUser } from "@/lib/current-user";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Agora", template: "%s · Agora" },
  description: "Discuss an article point by point.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
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
            <nav aria-label="Account" className="account-nav">
              {user ? (
                <>
                  <Link href={`/u/${user.id}`}>{user.name ?? "Your profile"}</Link>
                  <form action={signOutAction}>
                    <button type="submit" className="link-button">
                      Sign out
                    </button>
                  </form>
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
