import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Account deleted", robots: { index: false } };

/** Where deleting an account lands (signed out by then). */
export default function AccountDeletedPage() {
  return (
    <main className="narrow">
      <h1>Your account has been deleted</h1>
      <p>Your comments now show as “[deleted account]”, and you have been signed out everywhere. Thank you for taking part.</p>
      <p>
        <Link href="/">Back to the discussions</Link>
      </p>
    </main>
  );
}
