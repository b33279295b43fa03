import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Sessions live in the database even though Auth.js carries them in a signed cookie:
 * the cookie names a row, so signing out (or an admin) can end a session for good.
 */
export async function createSession(userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("base64url");
  await db.session.create({
    data: { sessionToken, userId, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
  });
  return sessionToken;
}

/** The signed-in user behind a session token, read fresh (role included) on every request; null once ended. */
export async function findActiveSessionUser(sessionToken: string) {
  const session = await db.session.findUnique({
    where: { sessionToken },
    select: {
      expires: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          image: true,
          role: true,
          suspendedUntil: true,
          suspendedPermanently: true,
          suspensionReason: true,
        },
      },
    },
  });
  if (!session || session.expires.getTime() <= Date.now()) return null;
  return session.user;
}

export async function deleteSession(sessionToken: string): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken } });
}
