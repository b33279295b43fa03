import type { Metadata } from "next";
import Link from "next/link";
import { resetPasswordAction } from "@/lib/actions/auth";
import { AuthForm } from "@/components/auth-form";
import { isPasswordResetTokenUsable } from "@/lib/queries/password-resets";
import { PASSWORD_MIN_LENGTH } from "@/lib/validations/auth";
import { resetToken } from "@/lib/validations/password-reset";

// The token is in this page's address: no Referer carries it to another site.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer", robots: { index: false } };

type SearchParams = Promise<{ token?: string | string[] }>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = resetToken.safeParse(raw);
  const usable = token.success && (await isPasswordResetTokenUsable(token.data));

  if (!token.success || !usable) {
    return (
      <main className="narrow">
        <h1>This reset link does not work</h1>
        <p className="lede">
          {token.success
            ? "It has expired (links work for one hour) or was already used."
            : "The link is incomplete or was changed: copy the whole link from the email."}{" "}
          Your password has not been changed.
        </p>
        <p>
          <Link href="/forgot-password">Ask for a new link</Link> · <Link href="/signin">Sign in</Link>
        </p>
      </main>
    );
  }

  return (
    <main className="narrow">
      <h1>Choose a new password</h1>
      <p className="lede">Setting a new password signs your account out everywhere else and signs you in here.</p>
      <AuthForm
        action={resetPasswordAction}
        callbackUrl="/"
        submitLabel="Set new password"
        hidden={{ token: token.data }}
        failureLink={{ href: "/forgot-password", label: "Ask for a new link" }}
        fields={[
          { name: "password", label: "New password", type: "password", autoComplete: "new-password", hint: `At least ${PASSWORD_MIN_LENGTH} characters.` },
        ]}
      />
    </main>
  );
}
