import type { Metadata } from "next";
import Link from "next/link";
import { requestSignInLinkAction } from "@/lib/actions/auth";
import { AuthForm } from "@/components/auth-form";
import { resolveAuthPageCallback, type AuthPageSearchParams } from "@/lib/auth-page";
import { isEmailEnabled } from "@/lib/env";
import { SIGN_IN_LINK_NEEDS_EMAIL, SIGN_IN_LINK_TTL_MINUTES } from "@/lib/validations/sign-in-link";

export const metadata: Metadata = { title: "Sign in by email" };

/** Sign-in by emailed link, for an existing account; without email configured, says so. */
export default async function SignInByEmailPage({ searchParams }: { searchParams: AuthPageSearchParams }) {
  const callbackUrl = await resolveAuthPageCallback(searchParams);
  return (
    <main className="narrow">
      <h1>Sign in by email</h1>
      {isEmailEnabled ? (
        <>
          <p className="lede">
            Enter the email address of your account and we will send you a link that signs you in. It works once, for {SIGN_IN_LINK_TTL_MINUTES} minutes.
          </p>
          <AuthForm
            action={requestSignInLinkAction}
            callbackUrl={callbackUrl}
            submitLabel="Email me a sign-in link"
            fields={[{ name: "email", label: "Email", type: "email", autoComplete: "email" }]}
          />
        </>
      ) : (
        <p className="lede" role="status">
          {SIGN_IN_LINK_NEEDS_EMAIL}
        </p>
      )}
      <p>
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in with your password</Link>
      </p>
    </main>
  );
}
