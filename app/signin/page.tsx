import type { Metadata } from "next";
import Link from "next/link";
import { signInAction, signInWithGitHubAction, signInWithOidcAction } from "@/lib/actions/auth";
import { AuthForm } from "@/components/auth-form";
import { authPageError, resolveAuthPageCallback, type AuthPageSearchParams } from "@/lib/auth-page";
import { env, isEmailEnabled, isGitHubSignInEnabled, isOidcSignInEnabled } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: AuthPageSearchParams }) {
  const [callbackUrl, error] = await Promise.all([resolveAuthPageCallback(searchParams), authPageError(searchParams)]);

  return (
    <main className="narrow">
      <h1>Sign in</h1>
      <p className="lede">Sign in to join the discussion.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
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
      {isOidcSignInEnabled && (
        <form action={signInWithOidcAction} className="oauth">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="button-secondary">
            Sign in with {env.OIDC_NAME}
          </button>
        </form>
      )}
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
        {isEmailEnabled && (
          <>
            {" · "}
            <Link href={`/signin/email?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Email me a sign-in link</Link>
          </>
        )}
      </p>
      <p>
        New here? <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
      </p>
    </main>
  );
}
