import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/current-user";
import { callbackPath } from "@/lib/validations/auth";

export type AuthPageSearchParams = Promise<{ callbackUrl?: string | string[] }>;

/** The safe in-app path a sign-in or sign-up page returns to; a reader already signed in goes straight there. */
export async function resolveAuthPageCallback(searchParams: AuthPageSearchParams): Promise<string> {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = callbackPath.parse(typeof raw === "string" ? raw : undefined);
  if (await getCurrentUser()) redirect(callbackUrl);
  return callbackUrl;
}
