import type { Metadata } from "next";
import Link from "next/link";
import { signInAction, signInWithGitHubAction } from "@/app/auth-actions";
import { AuthForm } from "@/components/auth-form";
import { resolveAuthPageCallback, type AuthPageSearchParams } from "@/lib/auth-page";
import { isGitHubSignInEnabled } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: AuthPageSearchParams }) {
  const callbackUrl = await resolveAuthPageCallback(searchParams);

  return (
    <main className="narrow">
      <h1>Sign in</h1>
      <p className="lede">Sign in to join the discussion.</p>
      <AuthForm
        action={signInAction}
        callbackUrl={callbackUrl}
        submitLabel="Sign in"
        failureLink={{ href: "/forgot-password", label: "Reset your password" }}
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "email" },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
        ]}
      />
      {isGitHubSignInEnabled && (
        <form action={signInWithGitHubAction} className="oauth">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="button-secondary">
            Sign in with GitHub
          </button>
        </form>
      )}
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
      </p>
    </main>
  );
}
