// Sign-in by emailed link (Auth.js's email provider, sent with Agora's own mailer): for existing accounts only.
// Sign-up needs a display name, so an address without an account gets no email and no account; the page answers
// the same either way, and the email is sent after the answer, so neither words nor timing tell who has one.
import { composeConfirmationEmail, composeSignInLinkEmail, sendAccountEmail } from "@/lib/account-email";
import { mustConfirmEmail } from "@/lib/email-confirmation";
import { afterResponse } from "@/lib/after-response";
import { clientIpFrom } from "@/lib/client-address";
import { db } from "@/lib/db";
import { enforceRateLimits, RateLimitedError, type LimitName } from "@/lib/rate-limit";

/** Auth.js's id for the provider: its callback is /api/auth/callback/nodemailer. */
export const SIGN_IN_LINK_PROVIDER_ID = "nodemailer";

/** Whether an account uses this address (Auth.js has lower-cased and trimmed it, as sign-up stores it). */
async function accountExists(email: string): Promise<boolean> {
  return (await db.user.count({ where: { email } })) > 0;
}

/** The account an address belongs to, with what its email should say. */
function accountFor(email: string) {
  return db.user.findUnique({ where: { email }, select: { role: true, emailVerified: true, passwordHash: true } });
}

/**
 * The limits a sign-in link spends: the password reset's, so account emails share one budget per address asked
 * for and per client address.
 */
export function signInLinkLimits(clientIp: string, email: string): { limit: LimitName; key: string }[] {
  return [
    { limit: "reset:ip", key: clientIp },
    { limit: "reset:account", key: email },
  ];
}

/**
 * Auth.js's sendVerificationRequest: spends the limits whether the request came through the form or straight to
 * Auth.js's endpoint. Past them it sends nothing and answers as ever (the form has already said so, having asked
 * first: requestSignInLinkAction); throwing would hand Auth.js an error page instead.
 */
export async function sendSignInLink({ identifier, url, request }: { identifier: string; url: string; request: Request }): Promise<void> {
  try {
    await enforceRateLimits(signInLinkLimits(clientIpFrom(request.headers), identifier));
  } catch (error) {
    if (error instanceof RateLimitedError) return;
    throw error;
  }
  await afterResponse("sign-in link email failed", async () => {
    const account = await accountFor(identifier);
    if (!account) return;
    // An address still to be confirmed (a new account, or one from before email was configured) is told so.
    const confirming = mustConfirmEmail({ role: account.role, emailVerified: account.emailVerified, hasPassword: account.passwordHash !== null });
    await sendAccountEmail(confirming ? composeConfirmationEmail(identifier, url) : composeSignInLinkEmail(identifier, url));
  });
}

/**
 * Auth.js's signIn callback, for this provider: asking for a link is always "accepted" (the same answer for every
 * address); following one signs in only an existing account, never creates one.
 */
export async function mayFollowSignInLink(email: string | null | undefined, verificationRequest: boolean): Promise<boolean> {
  if (verificationRequest) return true;
  return Boolean(email) && (await accountExists(email!));
}
