import type { Role } from "@/lib/generated/prisma/enums";
import { isAdmin, isModerator, type Viewer } from "./roles";
import { isSuspended } from "./suspension";

/** Moderating needs the role and no suspension: a suspended moderator loses powers at once. */
export function canModerate(user: Viewer): boolean {
  return isModerator(user) && !isSuspended(user);
}

export function canAdminister(user: Viewer): boolean {
  return isAdmin(user) && !isSuspended(user);
}

/**
 * Who may suspend whom (and lift it): moderators suspend members, only admins suspend moderators and editors,
 * nobody suspends an admin or themselves. The server's suspend and lift, and every Suspend control, ask this.
 * `actor` is a moderator already (canModerate); controls ask canModerate first.
 */
export function canSuspend(actor: { id: string; role: Role }, target: { id: string; role: Role }): boolean {
  if (actor.id === target.id || target.role === "admin") return false;
  return target.role === "member" || actor.role === "admin";
}

/** The Suspend control: a moderator who may suspend this account (canSuspend). */
export function canOfferSuspension(user: Viewer, target: { id: string; role: Role }): boolean {
  return canModerate(user) && canSuspend(user!, target);
}

/** The corrections queue (/mod/corrections) is the moderators' and admins'. */
export function canDecideCorrection(user: Viewer): boolean {
  return canModerate(user);
}
