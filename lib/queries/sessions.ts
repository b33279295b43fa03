import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** "Last seen" is refreshed at most this often per session: reading a session is not a write on every request. */
export const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

/**
 * Sessions live in the database even though Auth.js carries them in a signed cookie:
 * the cookie names a row, so signing out (or an admin) can end a session for good.
 */
export async function createSession(userId: string, browser: string | null = null): Promise<string> {
  const sessionToken = randomBytes(32).toString("base64url");
  await db.session.create({
    data: { sessionToken, userId, browser, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
  });
  return sessionToken;
}

/** The signed-in user behind a session token, read fresh (role included) on every request; null once ended. */
export async function findActiveSessionUser(sessionToken: string) {
  // One statement (a join): every page a member opens asks. Prisma would read the session, then its user.
  const [session] = await db.$queryRaw<SessionRow[]>`
    SELECT "s"."id", "s"."expires", "s"."lastSeenAt", "u"."id" AS "userId", "u"."name", "u"."email", "u"."image", "u"."role",
      "u"."suspendedUntil", "u"."suspendedPermanently", "u"."suspensionReason", "u"."emailVerified",
      ("u"."passwordHash" IS NOT NULL) AS "hasPassword"
    FROM "Session" AS "s" JOIN "User" AS "u" ON "u"."id" = "s"."userId"
    WHERE "s"."sessionToken" = ${sessionToken}`;
  const now = Date.now();
  if (!session || toDate(session.expires).getTime() <= now) return null;
  if (now - toDate(session.lastSeenAt).getTime() >= LAST_SEEN_RESOLUTION_MS) {
    // Conditional, so concurrent requests of one session write once between them.
    await db.session.updateMany({
      where: { id: session.id, lastSeenAt: { lte: new Date(now - LAST_SEEN_RESOLUTION_MS) } },
      data: { lastSeenAt: new Date(now) },
    });
  }
  // Whether the account has a password, never the hash itself, is read.
  return {
    id: session.userId,
    name: session.name,
    email: session.email,
    image: session.image,
    role: session.role,
    suspendedUntil: session.suspendedUntil === null ? null : toDate(session.suspendedUntil),
    // Booleans are 0 or 1 on SQLite.
    suspendedPermanently: Boolean(Number(session.suspendedPermanently)),
    suspensionReason: session.suspensionReason,
    emailVerified: session.emailVerified === null ? null : toDate(session.emailVerified),
    hasPassword: Boolean(Number(session.hasPassword)),
    sessionId: session.id,
  };
}

type SessionRow = {
  id: string;
  expires: Date | string;
  lastSeenAt: Date | string;
  userId: string;
  name: string | null;
  email: string | null;
  image: string | null;
  role: Role;
  suspendedUntil: Date | string | null;
  suspendedPermanently: boolean | number;
  suspensionReason: string | null;
  emailVerified: Date | string | null;
  hasPassword: boolean | number;
};

/** A timestamp from raw SQL: a Date where the driver made one, else the stored text or number. */
const toDate = (value: Date | string | number): Date => (value instanceof Date ? value : new Date(value));

export async function deleteSession(sessionToken: string): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken } });
}

export type SessionSummary = { id: string; browser: string | null; createdAt: Date; lastSeenAt: Date };

/** A member's unexpired sessions, most recently used first. */
export async function listSessions(userId: string): Promise<SessionSummary[]> {
  return db.session.findMany({
    where: { userId, expires: { gt: new Date() } },
    select: { id: true, browser: true, createdAt: true, lastSeenAt: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
  });
}

/** Ends one of the member's own sessions; someone else's id matches nothing. Returns whether one ended. */
export async function endSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db.session.deleteMany({ where: { id: sessionId, userId } });
  return count > 0;
}

/** Ends every session of the member except the one named (the caller's own); none kept when keep is null. */
export async function endSessions(userId: string, keep: string | null): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  return count;
}
