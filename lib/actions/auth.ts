"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { failed, formFields, invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { OIDC_PROVIDER_ID, signIn } from "@/lib/auth";
import { composePasswordResetEmail, sendAccountEmail } from "@/lib/account-email";
import { afterResponse } from "@/lib/after-response";
import { log, serializeError } from "@/lib/logger";
import { getClientIp } from "@/lib/client-ip";
import { isEmailEnabled, isOidcSignInEnabled } from "@/lib/env";
import { enforceRateLimits, formatWait, RateLimitedError, resetRateLimit, spentLimitWait } from "@/lib/rate-limit";
import { hashPassword } from "@/lib/password";
import { createPasswordResetToken, findUserForPasswordReset, resetPasswordWithToken } from "@/lib/queries/password-resets";
import { createUserWithPassword, EmailTakenError } from "@/lib/queries/users";
import { NameTakenError } from "@/lib/display-name";
import { callbackPath, signInSchema, signUpSchema } from "@/lib/validations/auth";
import { requestSignInLinkSchema, SIGN_IN_LINK_FAILED, SIGN_IN_LINK_NEEDS_EMAIL } from "@/lib/validations/sign-in-link";
import { SIGN_IN_LINK_PROVIDER_ID, signInLinkLimits } from "@/lib/sign-in-link";
import { noticeSignUpWithTakenAddress, SIGN_UP_CHECK_EMAIL_PATH } from "@/lib/sign-up-confirmation";
import { requestPasswordResetSchema, RESET_LINK_SENT, RESET_LINK_UNUSABLE, RESET_NEEDS_EMAIL, resetPasswordSchema } from "@/lib/validations/password-reset";

// One message for an unknown email and a wrong password, so sign-in does not reveal who has an account.
const BAD_CREDENTIALS = "Email or password is incorrect.";

export async function signUpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = textValues(formData, ["name", "email"]);
  const parsed = parseForm(signUpSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  const { name, email, password, callbackUrl } = parsed.data;

  try {
    await enforceRateLimits([{ limit: "signup:ip", key: await getClientIp() }]);
  } catch (error) {
    if (error instanceof RateLimitedError)
      return failed(`Too many new accounts from your address. Try again in ${formatWait(error.retryAfterSeconds)}.`, values);
    throw error;
  }
  try {
    await createUserWithPassword({ name, email, passwordHash: await hashPassword(password) });
  } catch (error) {
    if (error instanceof EmailTakenError && isEmailEnabled) {
      // Answered as a new address is; the address's owner is told instead (lib/sign-up-confirmation.ts).
      await noticeSignUpWithTakenAddress(email, await getClientIp());
      redirect(SIGN_UP_CHECK_EMAIL_PATH);
    }
    if (error instanceof EmailTakenError) return { ...failed(error.message, values), fieldErrors: { email: [error.message] } };
    if (error instanceof NameTakenError) return { ...failed(error.message, values), fieldErrors: { name: [error.message] } };
    throw error;
  }
  if (isEmailEnabled) {
    // Confirmed before signed in: the emailed link does both (Auth.js's email provider marks the address verified).
    try {
      await signIn(SIGN_IN_LINK_PROVIDER_ID, { email, redirect: false, redirectTo: callbackUrl });
    } catch (error) {
      // The account exists either way: its owner signs in with the password and asks for a new link in Settings.
      if (!(error instanceof AuthError)) throw error;
      log("error", "sign-up confirmation link failed", { error: serializeError(error) });
    }
    redirect(SIGN_UP_CHECK_EMAIL_PATH);
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

/** Emails a sign-in link (lib/sign-in-link.ts); Auth.js then redirects to the "check your email" page. */
export async function requestSignInLinkAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  if (!isEmailEnabled) return failed(SIGN_IN_LINK_NEEDS_EMAIL);
  const values = textValues(formData, ["email"]);
  const parsed = parseForm(requestSignInLinkSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  const { email, callbackUrl } = parsed.data;
  // Asked first, spending nothing (the provider spends the points): past the limit the form says so.
  const wait = await spentLimitWait(signInLinkLimits(await getClientIp(), email));
  if (wait !== null) return failed(`Too many emails were asked for. Try again in ${formatWait(wait)}.`, values);
  try {
    await signIn(SIGN_IN_LINK_PROVIDER_ID, { email, redirectTo: callbackUrl });
  } catch (error) {
    if (error instanceof AuthError) return failed(SIGN_IN_LINK_FAILED, values);
    throw error;
  }
  return failed(SIGN_IN_LINK_FAILED, values);
}

export async function requestPasswordResetAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  if (!isEmailEnabled) return failed(RESET_NEEDS_EMAIL);
  const values = textValues(formData, ["email"]);
  const parsed = parseForm(requestPasswordResetSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  const { email } = parsed.data;
  try {
    // Keyed by the address typed, whether or not it has an account: a refusal says nothing about who exists.
    await enforceRateLimits([
      { limit: "reset:ip", key: await getClientIp() },
      { limit: "reset:account", key: email },
    ]);
  } catch (error) {
    if (error instanceof RateLimitedError) return failed(error.message, values);
    throw error;
  }
  const user = await findUserForPasswordReset(email);
  if (user?.email) {
    const token = await createPasswordResetToken(user.id);
    const to = user.email;
    // Sent after the answer has gone, so how long sending takes does not tell known addresses from unknown ones.
    await afterResponse("password reset email failed", () => sendAccountEmail(composePasswordResetEmail(to, token)));
  }
  return { ok: true, message: RESET_LINK_SENT, values };
}

const PASSWORD_CHANGED = "Your password was changed. Sign in with your new password.";

export async function resetPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = parseForm(resetPasswordSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const { token, password } = parsed.data;
  const reset = await resetPasswordWithToken(token, await hashPassword(password));
  if (!reset) return failed(RESET_LINK_UNUSABLE);
  // The owner has just proved they hold the mailbox: their own earlier wrong guesses from here no longer count.
  await resetRateLimit("signin:account-ip", `${reset.email}|${await getClientIp()}`);
  try {
    await signIn("credentials", { email: reset.email, password, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) return { ok: true, message: PASSWORD_CHANGED };
    throw error;
  }
  return { ok: true, message: PASSWORD_CHANGED };
}
