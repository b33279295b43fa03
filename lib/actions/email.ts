"use server";

import { AuthError } from "next-auth";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { refusalFrom } from "@/lib/action-guards";
import { failed, formFields, invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { composeAddressInUseEmail, composeEmailChangeLinkEmail, composeEmailChangeNoticeEmail, sendAccountEmail } from "@/lib/account-email";
import { afterResponse } from "@/lib/after-response";
import { signIn } from "@/lib/auth";
import { getClientIp } from "@/lib/client-ip";
import { getCurrentUser } from "@/lib/current-user";
import { isEmailEnabled } from "@/lib/env";
import { AccountError, getAccountSettings } from "@/lib/queries/account";
import { confirmEmailChange, requestEmailChange } from "@/lib/queries/email-change";
import { enforceRateLimits, formatWait, spentLimitWait } from "@/lib/rate-limit";
import { SIGN_IN_LINK_PROVIDER_ID, signInLinkLimits } from "@/lib/sign-in-link";
import { callbackPath } from "@/lib/validations/auth";
import { confirmEmailChangeSchema, EMAIL_CHANGE_LINK_UNUSABLE, requestEmailChangeSchema } from "@/lib/validations/email-change";

// The member's own address: changing it (proved at the new address) and confirming it. Like the rest of
// /settings, these need a session, not good standing, and act on the caller alone.

/** Where a confirmed change lands. */
const EMAIL_CHANGED_PATH = "/settings/email/changed";
const SESSION_ENDED = "Your session has ended. Sign in again to continue.";
const NEEDS_EMAIL = "This forum does not send email, so addresses cannot be changed or confirmed here. Ask an admin.";

/**
 * Asks to move the caller's account to a new address: the password confirms it is them; the link goes to the new
 * address, a notice to the old. A taken address is answered exactly as a free one (its owner is told instead).
 */
export async function requestEmailChangeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) return failed(SESSION_ENDED);
  if (!isEmailEnabled) return failed(NEEDS_EMAIL);
  const values = textValues(formData, ["newEmail"]);
  const parsed = parseForm(requestEmailChangeSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  const { newEmail, password } = parsed.data;
  try {
    // Password guesses share the password change's budget; emails to the new address share the account-email one.
    await enforceRateLimits([{ limit: "account:password", key: user.id }, ...signInLinkLimits(await getClientIp(), newEmail)]);
    const request = await requestEmailChange({ userId: user.id, password, newEmail });
    await afterResponse("email change emails failed", async () => {
      await sendAccountEmail(request.kind === "link" ? composeEmailChangeLinkEmail(newEmail, request.token) : composeAddressInUseEmail(newEmail));
      if (request.oldEmail) await sendAccountEmail(composeEmailChangeNoticeEmail(request.oldEmail, newEmail));
    });
  } catch (error) {
    return refusalFrom(error, [AccountError], values);
  }
  return { ok: true, message: `We sent a link to ${newEmail}. Follow it within an hour to finish; until then your address stays as it is.` };
}

/** Follows an email-change link's one click: the account moves to the new address, which is thereby confirmed. */
export async function confirmEmailChangeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = parseForm(confirmEmailChangeSchema, formData);
  if (!parsed.success) return failed(EMAIL_CHANGE_LINK_UNUSABLE);
  const outcome = await confirmEmailChange(parsed.data.token);
  if (outcome.kind === "unusable") return failed(EMAIL_CHANGE_LINK_UNUSABLE);
  if (outcome.kind === "taken") return failed("That address now belongs to another account, so nothing changed.");
  // The address shows on /settings; whether the comment box asks for confirmation is read afresh on each page.
  revalidatePath("/settings");
  // A page of its own: re-rendered after a no-JavaScript post, the link's page would only find its link spent.
  redirect(EMAIL_CHANGED_PATH);
}

/** Sends a new confirmation link to the caller's address (a member who must still confirm it); the form names where the link returns to. */
export async function resendConfirmationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) return failed(SESSION_ENDED);
  if (!isEmailEnabled) return failed(NEEDS_EMAIL);
  if (!user.emailUnconfirmed) return failed("Your address is already confirmed.");
  const email = (await getAccountSettings(user.id))?.email;
  if (!email) return failed(SESSION_ENDED);
  // Asked first, spending nothing: the provider spends the account-email budget when it sends.
  const wait = await spentLimitWait(signInLinkLimits(await getClientIp(), email));
  if (wait !== null) return failed(`Too many emails were asked for. Try again in ${formatWait(wait)}.`);
  try {
    // The link brings them back where they asked from (a path inside Agora; anything else means home).
    await signIn(SIGN_IN_LINK_PROVIDER_ID, { email, redirect: false, redirectTo: callbackPath.parse(formFields(formData).callbackUrl) });
  } catch (error) {
    if (error instanceof AuthError) return failed("The link could not be sent. Try again in a minute.");
    throw error;
  }
  return { ok: true, message: `We sent a new link to ${email}. Following it confirms your address.` };
}
