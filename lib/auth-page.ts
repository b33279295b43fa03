import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/current-user";
import { callbackPath } from "@/lib/validations/auth";

export type AuthPageSearchParams = Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;

/** The safe in-app path a sign-in or sign-up page returns to; a reader already signed in goes straight there. */
export async function resolveAuthPageCallback(searchParams: AuthPageSearchParams): Promise<string> {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = callbackPath.parse(typeof raw === "string" ? raw : undefined);
  if (await getCurrentUser()) redirect(callbackUrl);
  return callbackUrl;
}

/**
 * What went wrong, in words, when Auth.js sends a sign-in back here (`?error=<type>`, pages.error): an OAuth or
 * OpenID Connect sign-in that the provider refused or that could not be completed. Unknown types get the general
 * sentence; the type itself (attacker-chosen) is never echoed.
 */
export async function authPageError(searchParams: AuthPageSearchParams): Promise<string | null> {
  const raw = (await searchParams).error;
  const type = typeof raw === "string" ? raw : undefined;
  if (!type) return null;
  if (type === "OAuthAccountNotLinked") {
    return "That email address already belongs to an Agora account. Sign in with its password instead.";
  }
  if (type === "AccessDenied") return "Signing in was cancelled or refused.";
  // An emailed sign-in link whose token is unknown, expired or already used (Auth.js deletes it when it is used).
  if (type === "Verification") return "That sign-in link has expired or was already used. Sign in below, or ask for a new link.";
  return "Signing in did not work. Try again, or use another way to sign in.";
}
