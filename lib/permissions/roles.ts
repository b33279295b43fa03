import type { CurrentUser } from "@/lib/current-user";
import type { Role } from "@/lib/generated/prisma/enums";

/** Who is asking, as every permission reads them (getCurrentUser's answer, or null when signed out). */
export type Viewer = Pick<CurrentUser, "id" | "role" | "suspension" | "emailUnconfirmed"> | null;

export function isModerator(user: Viewer): boolean {
  return user !== null && (user.role === "moderator" || user.role === "admin");
}

export function isAdmin(user: Viewer): boolean {
  return user?.role === "admin";
}

/** Editors write, publish and close articles; admins can do all an editor does. (Moderators moderate, not edit.) */
export function isEditor(user: Viewer): boolean {
  return user?.role === "editor" || user?.role === "admin";
}

/** Staff: every role but member. Their comments are never held for review, and slow mode never slows them. */
export function isStaffRole(role: Role): boolean {
  return role !== "member";
}

/**
 * The staff title a member carries beside their name (comments, their page), so nobody can pass for staff: by
 * role alone, since a suspended moderator is still who they are.
 */
export function staffTitle(member: { role: Role }): "Moderator" | "Admin" | undefined {
  return member.role === "admin" ? "Admin" : member.role === "moderator" ? "Moderator" : undefined;
}

/** Roles an admin may hand out. */
export const ASSIGNABLE_ROLES: readonly Role[] = ["member", "moderator", "editor", "admin"];
