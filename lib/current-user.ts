import { auth } from "@/lib/auth";
import type { Role } from "@/lib/generated/prisma/enums";

export type CurrentUser = { id: string; name: string | null; role: Role };

/** The signed-in user of this request, re-read from the database session, or null. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  return { id: session.user.id, name: session.user.name ?? null, role: session.user.role };
}
