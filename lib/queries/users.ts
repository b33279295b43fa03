import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

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
    select: { id: true, name: true, image: true, role: true, createdAt: true },
  });
}
