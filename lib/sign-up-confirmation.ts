// Sign-up where the forum sends email (SMTP_URL): the answer is the same "check your email" page whether the
// address was new or already had an account. A new account gets a link that confirms the address and signs in
// (lib/sign-in-link.ts sends it, worded as a confirmation); the owner of a taken address is told someone tried.
import { composeTakenAddressEmail, sendAccountEmail } from "@/lib/account-email";
import { afterResponse } from "@/lib/after-response";
import { enforceRateLimits, RateLimitedError } from "@/lib/rate-limit";
import { signInLinkLimits } from "@/lib/sign-in-link";

/** The page every sign-up lands on when email is configured. */
export const SIGN_UP_CHECK_EMAIL_PATH = "/signup/check-email";

/**
 * Tells the owner of an address that someone tried to sign up with it. It spends the address's account-email
 * budget like a reset or a sign-in link does, so repeated sign-ups cannot flood the owner's inbox; past the budget
 * nothing is sent, and the answer is the same. Sent after the answer (no timing difference).
 */
export async function noticeSignUpWithTakenAddress(email: string, clientIp: string): Promise<void> {
  try {
    await enforceRateLimits(signInLinkLimits(clientIp, email));
  } catch (error) {
    if (error instanceof RateLimitedError) return;
    throw error;
  }
  await afterResponse("sign-up notice email failed", () => sendAccountEmail(composeTakenAddressEmail(email)));
}
