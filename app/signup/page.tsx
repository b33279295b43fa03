import type { Metadata } from "next";
import Link from "next/link";
import { signUpAction } from "@/lib/actions/auth";
import { AuthForm } from "@/components/auth-form";
import { resolveAuthPageCallback, type AuthPageSearchParams } from "@/lib/auth-page";
import { PASSWORD_MIN_LENGTH } from "@/lib/validations/auth";
import { DISPLAY_NAME_RULES } from "@/lib/display-name";
import { isEmailEnabled } from "@/lib/env";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: AuthPageSearchParams }) {
  const callbackUrl = await resolveAuthPageCallback(searchParams);

  return (
    <main className="narrow">
      <h1>Create an account</h1>
      <p className="lede">
        Your display name is shown next to your comments.
        {isEmailEnabled && " We will email you a link to confirm your address; following it signs you in."}
      </p>
      <AuthForm
        action={signUpAction}
        callbackUrl={callbackUrl}
        submitLabel="Create account"
        fields={[
          { name: "name", label: "Display name", type: "text", autoComplete: "nickname", hint: DISPLAY_NAME_RULES },
          { name: "email", label: "Email", type: "email", autoComplete: "email" },
          {
            name: "password",
            label: "Password",
            type: "password",
            autoComplete: "new-password",
            hint: `At least ${PASSWORD_MIN_LENGTH} characters.`,
          },
        ]}
      />
      <p>
        Already have an account? <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </main>
  );
}
