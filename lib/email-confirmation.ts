import { isStaffRole } from "@/lib/permissions/roles";
import type { Role } from "@/lib/generated/prisma/enums";
import { isEmailEnabled } from "@/lib/env";

// Where the forum sends email (SMTP_URL), a member who signed up with a password confirms their address before
// taking part: until then they read, sign in and use their settings, but do not comment, vote, report or ask for
// sources. Following any link Agora emailed to the address (the confirmation, a sign-in link) confirms it
// (Auth.js sets emailVerified). Accounts from a sign-in provider (GitHub, OpenID Connect) come with an address the
// provider vouches for, and staff are never held back. Without email nothing can be confirmed, and nobody is asked.

export type ConfirmationState = { role: Role; emailVerified: Date | null; hasPassword: boolean };

export function mustConfirmEmail(account: ConfirmationState, emailEnabled: boolean = isEmailEnabled): boolean {
  return emailEnabled && !isStaffRole(account.role) && account.hasPassword && account.emailVerified === null;
}

/** What an unconfirmed member is told when they try to take part. */
export const CONFIRM_EMAIL_FIRST = "Confirm your email address first: follow the link we emailed you, or ask for a new one in Settings.";
