import { auth } from "@/lib/auth";
import { isSuspensionActive } from "@/lib/permissions/suspension";
import type { Role } from "@/lib/generated/prisma/enums";

export type Suspension = { until: Date | null; permanent: boolean; reason: string | null };

export type CurrentUser = {
  id: string;
  name: string | null;
  role: Role;
  /** Present while the member is suspended. */
  suspension: Suspension | null;
  /** A member who must confirm their email address before taking part (lib/email-confirmation.ts). */
  emailUnconfirmed?: boolean;
  /** The id of the session row this request was signed in with (marks "this device"). */
  sessionId?: string | null;
};

/** The signed-in user of this request, re-read from the database session (role and suspension included), or null. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  const { suspension } = session.user;
  const active = suspension && isSuspensionActive(suspension) ? suspension : null;
  return {
    id: session.user.id,
    name: session.user.name ?? null,
    role: session.user.role,
    sessionId: session.sessionId ?? null,
    emailUnconfirmed: session.user.emailUnconfirmed === true,
    suspension: active && { until: active.until ? new Date(active.until) : null, permanent: active.permanent, reason: active.reason },
  };
}
