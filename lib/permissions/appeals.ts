import type { Viewer } from "./roles";
import { canModerate } from "./moderation";

/** The moderation actions a member may appeal: hiding or removing their comment, suspending them. */
export const APPEALABLE_ACTIONS = ["hide_comment", "remove_comment", "suspend_user"] as const;

export function isAppealable(action: string): boolean {
  return (APPEALABLE_ACTIONS as readonly string[]).includes(action);
}

/** Only the member an appealable action fell on may appeal it; a suspended member still may (that is the point). */
export function canAppeal(user: Viewer, logRow: { action: string; targetUserId: string | null }): boolean {
  return user !== null && logRow.targetUserId === user.id && isAppealable(logRow.action);
}

/** Another moderator decides an appeal: not the one who took the action appealed, and not the appellant. */
export function canDecideAppeal(user: Viewer, appeal: { appellantId: string; log: { moderatorId: string | null } }): boolean {
  return canModerate(user) && user!.id !== appeal.log.moderatorId && user!.id !== appeal.appellantId;
}
