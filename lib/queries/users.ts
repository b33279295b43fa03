import { db } from "@/lib/db";
import { activeSuspensionWhere } from "@/lib/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { displayNameKey, NameTakenError } from "@/lib/display-name";

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists. Sign in instead.");
  }
}

/** Creates a member; the name must already have passed displayNameSchema. Throws NameTakenError or EmailTakenError. */
export async function createUserWithPassword(input: { name: string; email: string; passwordHash: string }) {
  const nameKey = displayNameKey(input.name);
  if (await db.user.findUnique({ where: { nameKey }, select: { id: true } })) throw new NameTakenError();
  try {
    return await db.user.create({
      data: { ...input, nameKey },
      select: { id: true, name: true, email: true, role: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      // Two sign-ups raced for one name: the unique key decided.
      if (await db.user.findUnique({ where: { nameKey }, select: { id: true } })) throw new NameTakenError();
      throw new EmailTakenError();
    }
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
    where: activeSuspensionWhere(),
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true, suspendedUntil: true, suspendedPermanently: true, suspensionReason: true },
  });
}

/** Applies a role by email, for the `user:role` command and ADMIN_EMAILS; returns whether the user exists. */
export async function setRoleByEmail(email: string, role: Role): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { email: email.toLowerCase() }, data: { role } });
  return count > 0;
}
