import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/current-user";
import { getAccountSettings } from "@/lib/queries/account";

export const metadata: Metadata = { title: "Address changed", robots: { index: false } };

/** Where a followed email-change link lands; signed in, the member sees the address their account now uses. */
export default async function EmailChangedPage() {
  const user = await getCurrentUser();
  const email = user ? (await getAccountSettings(user.id))?.email : null;
  return (
    <main className="narrow">
      <h1>Address changed</h1>
      <p className="lede" role="status">
        {email ? `Your account's address is now ${email}.` : "Your account's address has been changed."} Sign in, password resets and notifications use it from
        now on.
      </p>
      <p>{user ? <Link href="/settings">Back to Settings</Link> : <Link href="/signin">Sign in with your new address</Link>}</p>
    </main>
  );
}
