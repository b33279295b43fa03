import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your email" };

/** Where every sign-up lands when email is configured: the same words whether the address was new or taken. */
export default function SignUpCheckEmailPage() {
  return (
    <main className="narrow">
      <h1>Check your email</h1>
      <p className="lede" role="status">
        We sent a link to the address you gave. Follow it to confirm your address and sign in.
      </p>
      <p>The link works once, for a limited time. Until you follow it you can sign in and read, but not comment.</p>
      <p>
        Nothing arrived? Look in your spam folder, or <Link href="/signin">sign in</Link> and ask for a new link in Settings.
      </p>
    </main>
  );
}
