import type { Metadata } from "next";
import Link from "next/link";
import { SIGN_IN_LINK_SENT } from "@/lib/validations/sign-in-link";

export const metadata: Metadata = { title: "Check your email" };

/** Where Auth.js sends the reader once a sign-in link was asked for (pages.verifyRequest in lib/auth.ts). */
export default function SignInLinkSentPage() {
  return (
    <main className="narrow">
      <h1>Check your email</h1>
      <p className="lede" role="status">
        {SIGN_IN_LINK_SENT}
      </p>
      <p>
        Nothing arrived? Look in your spam folder, or <Link href="/signin/email">ask for another link</Link>.
      </p>
      <p>
        <Link href="/signin">Sign in with your password</Link>
      </p>
    </main>
  );
}
