import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "./roles";

// Whether a suspension is running, written once: for the session's copy (getCurrentUser), for a stored user row,
// and as the filter that lists suspended members.

/** A permanent suspension runs until lifted; a timed one until its end. */
export function isSuspensionActive(suspension: { until: Date | string | null; permanent: boolean }, now: Date = new Date()): boolean {
  return suspension.permanent || (suspension.until !== null && new Date(suspension.until).getTime() > now.getTime());
}

/** isSuspensionActive on a User row's columns. */
export function hasActiveSuspension(user: { suspendedUntil: Date | null; suspendedPermanently: boolean }, now: Date = new Date()): boolean {
  return isSuspensionActive({ until: user.suspendedUntil, permanent: user.suspendedPermanently }, now);
}

/** isSuspensionActive as a filter on users. */
export function activeSuspensionWhere(now: Date = new Date()): Prisma.UserWhereInput {
  return { OR: [{ suspendedPermanently: true }, { suspendedUntil: { gt: now } }] };
}

/** The viewer's suspension: getCurrentUser keeps it only while it runs. */
export function isSuspended(user: Viewer): boolean {
  return user?.suspension != null;
}

/**
 * Taking part (commenting, voting, reporting, asking for sources, suggesting corrections): a signed-in member who is
 * not suspended and, where email is configured, has confirmed their address (lib/email-confirmation.ts).
 */
export function mayTakePart(user: Viewer): user is NonNullable<Viewer> {
  return user !== null && !isSuspended(user) && user.emailUnconfirmed !== true;
}
