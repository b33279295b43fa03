import { log, serializeError } from "@/lib/logger";
import { mailer, mailFrom, publicOrigin, type NotificationEmail } from "@/lib/notification-email";
import { PASSWORD_RESET_TTL_MS } from "@/lib/queries/password-resets";
import { SIGN_IN_LINK_TTL_MINUTES } from "@/lib/validations/sign-in-link";

// Emails about the account itself (password reset, sign-in link). Plain text, links on the public origin (AUTH_URL), never on a
// request's Host header, which whoever asks for the email controls.

/** The link a reset email carries. */
export function passwordResetUrl(token: string, origin = publicOrigin()): string {
  const url = new URL("/reset-password", origin);
  url.searchParams.set("token", token);
  return url.toString();
}

export function composePasswordResetEmail(to: string, token: string, origin = publicOrigin()): NotificationEmail {
  const minutes = PASSWORD_RESET_TTL_MS / 60_000;
  return {
    to,
    subject: "Reset your Agora password",
    text: [
      "Someone (we hope you) asked to reset the password of your Agora account.",
      "",
      `Choose a new password here (the link works once, for ${minutes} minutes):`,
      passwordResetUrl(token, origin),
      "",
      "Setting a new password signs you out everywhere else.",
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ].join("\n"),
  };
}

/**
 * The sign-in link email. `authLink` is the link Auth.js made (its callback with the token); it is moved onto the
 * public origin, whatever Host the request that asked for it carried.
 */
export function composeSignInLinkEmail(to: string, authLink: string, origin = publicOrigin()): NotificationEmail {
  const made = new URL(authLink);
  const link = new URL(`${made.pathname}${made.search}`, origin).toString();
  return {
    to,
    subject: "Your Agora sign-in link",
    text: [
      "Someone (we hope you) asked for a link to sign in to your Agora account.",
      "",
      `Sign in here (the link works once, for ${SIGN_IN_LINK_TTL_MINUTES} minutes):`,
      link,
      "",
      "If you did not ask for this, ignore this email: nobody can sign in without the link.",
    ].join("\n"),
  };
}

/** Sends one account email; a failure is logged, never shown (the page answers the same either way). */
export async function sendAccountEmail(message: NotificationEmail): Promise<boolean> {
  const transport = mailer();
  if (!transport) return false;
  try {
    await transport.sendMail({ from: mailFrom(), ...message });
    return true;
  } catch (error) {
    log("error", "account email failed", { subject: message.subject, error: serializeError(error) });
    return false;
  }
}
