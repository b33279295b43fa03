import type { Metadata } from "next";
import Link from "next/link";
import { requestPasswordResetAction } from "@/lib/actions/auth";
import { AuthForm } from "@/components/auth-form";
import { isEmailEnabled } from "@/lib/env";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <main className="narrow">
      <h1>Forgot your password?</h1>
      {isEmailEnabled ? (
        <>
          <p className="lede">Enter the email address of your account and we will send you a link to choose a new password.</p>
          <AuthForm
            action={requestPasswordResetAction}
            callbackUrl="/"
            submitLabel="Email me a link"
            fields={[{ name: "email", label: "Email", type: "email", autoComplete: "email" }]}
          />
        </>
      ) : (
        <p className="lede" role="status">
          Password reset needs email, and this forum has not set up email. Ask its administrator to help you back into your account.
        </p>
      )}
      <p>
        Remembered it? <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}
