import { log, serializeError } from "@/lib/logger";
import { mailer, mailFrom, publicOrigin, type NotificationEmail } from "@/lib/notification-email";
import { EMAIL_CHANGE_TTL_MS } from "@/lib/queries/email-change";
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
  const link = onPublicOrigin(authLink, origin);
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

/** The link Auth.js made, moved onto the public origin. */
function onPublicOrigin(authLink: string, origin: string): string {
  const made = new URL(authLink);
  return new URL(`${made.pathname}${made.search}`, origin).toString();
}

/** A new account's first email: the same kind of link as a sign-in link, worded as the confirmation it also is. */
export function composeConfirmationEmail(to: string, authLink: string, origin = publicOrigin()): NotificationEmail {
  return {
    to,
    subject: "Confirm your Agora account",
    text: [
      "Welcome to Agora. Someone (we hope you) created an account with this address.",
      "",
      `Confirm your address and sign in here (the link works once, for ${SIGN_IN_LINK_TTL_MINUTES} minutes):`,
      onPublicOrigin(authLink, origin),
      "",
      "Until you do, you can read and sign in but not comment. A new link can be asked for in Settings.",
      "If you did not create this account, ignore this email.",
    ].join("\n"),
  };
}

/** To an address someone tried to sign up with, when it already has an account. */
export function composeTakenAddressEmail(to: string, origin = publicOrigin()): NotificationEmail {
  return {
    to,
    subject: "Someone tried to create an Agora account with your address",
    text: [
      "Someone (perhaps you) tried to create a new Agora account with this address, which already has one.",
      "No new account was created.",
      "",
      `Sign in: ${new URL("/signin", origin).toString()}`,
      `Forgotten your password? Reset it: ${new URL("/forgot-password", origin).toString()}`,
      "",
      "If it was not you, you need do nothing: your account is unchanged.",
    ].join("\n"),
  };
}

/** The link an email-change email carries: a page that asks for one click (a mail scanner's visit changes nothing). */
export function emailChangeUrl(token: string, origin = publicOrigin()): string {
  const url = new URL("/settings/email/confirm", origin);
  url.searchParams.set("token", token);
  return url.toString();
}

/** To the new address: the link that moves the account there. */
export function composeEmailChangeLinkEmail(to: string, token: string, origin = publicOrigin()): NotificationEmail {
  return {
    to,
    subject: "Confirm your new Agora address",
    text: [
      "Someone (we hope you) asked to move their Agora account to this address.",
      "",
      `Confirm it here (the link works once, for ${EMAIL_CHANGE_TTL_MS / 60_000} minutes):`,
      emailChangeUrl(token, origin),
      "",
      "If you did not ask for this, ignore this email: nothing changes without the link.",
    ].join("\n"),
  };
}

/** To the old address, when the change is asked for: its owner hears of it before it can happen. */
export function composeEmailChangeNoticeEmail(to: string, newEmail: string, origin = publicOrigin()): NotificationEmail {
  return {
    to,
    subject: "Your Agora address is being changed",
    text: [
      `Someone signed in to your Agora account asked to change its address to ${newEmail}.`,
      "It changes only when the link sent to that address is followed.",
      "",
      `If this was not you, change your password now, which signs out every other device: ${new URL("/settings", origin).toString()}`,
      `Cannot sign in? Reset your password: ${new URL("/forgot-password", origin).toString()}`,
    ].join("\n"),
  };
}

/** To a new address that already has an account: nothing moved, and the member who asked learns nothing from it. */
export function composeAddressInUseEmail(to: string, origin = publicOrigin()): NotificationEmail {
  return {
    to,
    subject: "An Agora address change was refused",
    text: [
      "Someone asked to move an Agora account to this address, which already has an account of its own.",
      "Nothing changed.",
      "",
      `If you have forgotten that account's password, reset it: ${new URL("/forgot-password", origin).toString()}`,
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
