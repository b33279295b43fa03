import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signUpAction } from "@/app/auth-actions";
import { AuthForm } from "@/components/auth-form";
import { getCurrentUser } from "@/lib/current-user";
import { PASSWORD_MIN_LENGTH, callbackPath } from "@/lib/validations/auth";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = callbackPath.parse(typeof raw === "string" ? raw : undefined);
  if (await getCurrentUser()) redirect(callbackUrl);

  return (
    <main className="narrow">
      <h1>Create an account</h1>
      <p className="lede">Your display name is shown next to your comments.</p>
      <AuthForm
        action={signUpAction}
        callbackUrl={callbackUrl}
        submitLabel="Create account"
        fields={[
          { name: "name", label: "Display name", type: "text", autoComplete: "nickname" },
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
