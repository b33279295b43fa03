import { log, serializeError } from "@/lib/logger";
import { mailer, mailFrom, publicOrigin, type NotificationEmail } from "@/lib/notification-email";
import { PASSWORD_RESET_TTL_MS } from "@/lib/queries/password-resets";

// Emails about the account itself (password reset). Plain text, links on the public origin (AUTH_URL), never on a
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
