"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { failed, formFields, invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { OIDC_PROVIDER_ID, signIn, signOut } from "@/lib/auth";
import { isOidcSignInEnabled } from "@/lib/env";
import { formatWait } from "@/lib/rate-limit";
import { hashPassword } from "@/lib/password";
import { createUserWithPassword, EmailTakenError } from "@/lib/queries/users";
import { NameTakenError } from "@/lib/display-name";
import { callbackPath, signInSchema, signUpSchema } from "@/lib/validations/auth";

// One message for an unknown email and a wrong password, so sign-in does not reveal who has an account.
const BAD_CREDENTIALS = "Email or password is incorrect.";

export async function signUpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["name", "email"]);
  const parsed = parseForm(signUpSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  const { name, email, password, callbackUrl } = parsed.data;

  try {
    await createUserWithPassword({ name, email, passwordHash: await hashPassword(password) });
  } catch (error) {
    if (error instanceof EmailTakenError) return { ...failed(error.message, values), fieldErrors: { email: [error.message] } };
    if (error instanceof NameTakenError) return { ...failed(error.message, values), fieldErrors: { name: [error.message] } };
    throw error;
  }
  // signIn redirects (by throwing) on success.
  try {
    await signIn("credentials", { email, password, redirectTo: callbackUrl });
  } catch (error) {
    if (error instanceof AuthError) return failed(`Your account was created. ${signInFailure(error)}`, values);
    throw error;
  }
  return failed(BAD_CREDENTIALS, values);
}

export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["email"]);
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  const { email, password, callbackUrl } = parsed.data;

  try {
    await signIn("credentials", { email, password, redirectTo: callbackUrl });
  } catch (error) {
    if (error instanceof AuthError) return failed(signInFailure(error), values);
    throw error;
  }
  return failed(BAD_CREDENTIALS, values);
}

function signInFailure(error: AuthError): string {
  const wait = /^rate_limited:(\d+)$/.exec((error as AuthError & { code?: string }).code ?? "");
  return wait ? `Too many sign-in attempts. Try again in ${formatWait(Number(wait[1]))}.` : BAD_CREDENTIALS;
}

export async function signInWithGitHubAction(formData: FormData): Promise<void> {
  await signIn("github", { redirectTo: callbackPath.parse(formFields(formData).callbackUrl) });
}

/** Off to the organisation's OpenID Connect provider; where none is configured, back to the sign-in page. */
export async function signInWithOidcAction(formData: FormData): Promise<void> {
  if (!isOidcSignInEnabled) redirect("/signin");
  await signIn(OIDC_PROVIDER_ID, { redirectTo: callbackPath.parse(formFields(formData).callbackUrl) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
