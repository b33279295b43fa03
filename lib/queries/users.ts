import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists. Sign in instead.");
  }
}

export async function createUserWithPassword(input: { name: string; email: string; passwordHash: string }) {
  try {
    return await db.user.create({
      data: input,
      select: { id: true, name: true, email: true, role: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new EmailTakenError();
    throw error;
  }
}

/** The only read of a password hash: credential sign-in. */
export function findUserCredentials(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, image: true, role: true, passwordHash: true },
  });
}

export function getUserProfile(id: string) {
  return db.user.findUnique({
    where: { id },
    select: { id: true, name: true, image: true, role: true, createdAt: true, deletedAt: true },
  });
}

const ADMIN_USER_PAGE = 50;

/** Members for the admin page: staff first, then by name; `query` matches name or email. */
export function listUsersForAdmin(query?: string) {
  return db.user.findMany({
    where: query ? { OR: [{ name: { contains: query } }, { email: { contains: query } }] } : undefined,
    orderBy: [{ role: "asc" }, { name: "asc" }],
    take: ADMIN_USER_PAGE,
    select: { id: true, name: true, email: true, role: true, createdAt: true },
  });
}

/** Everyone whose suspension is still running, for lifting. */
export function listSuspendedUsers() {
  return db.user.findMany({
    where: { OR: [{ suspendedPermanently: true }, { suspendedUntil: { gt: new Date() } }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true, suspendedUntil: true, suspendedPermanently: true, suspensionReason: true },
  });
}

/** Applies a role by email, for the `user:role` command and ADMIN_EMAILS; returns whether the user exists. */
export async function setRoleByEmail(email: string, role: Role): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { email: email.toLowerCase() }, data: { role } });
  return count > 0;
}
