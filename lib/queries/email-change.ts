import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { verifyPassword } from "@/lib/password";
import { AccountError } from "./account";
import { hashAccountToken } from "./password-resets";

// Changing a member's email address: the new address is proved by a link sent to it (single use, an hour, only
// its hash stored, the newest request replacing earlier ones); the old address is told of the request. The change
// itself confirms the new address.

export const EMAIL_CHANGE_TTL_MS = 60 * 60 * 1000;
const PURPOSE = "email_change";

export type EmailChangeRequest =
  | { kind: "link"; token: string; oldEmail: string | null; newEmail: string }
  /** Another account has the address: nothing is stored, the member is answered as for a free one. */
  | { kind: "taken"; oldEmail: string | null; newEmail: string };

/** Checks the password and records the request; the caller emails the link (or the notice) after answering. */
export async function requestEmailChange(input: { userId: string; password: string; newEmail: string }, now = new Date()): Promise<EmailChangeRequest> {
  const user = await db.user.findFirst({ where: { id: input.userId, deletedAt: null }, select: { email: true, passwordHash: true } });
  if (!user) throw new AccountError("That account no longer exists.");
  if (!user.passwordHash)
    throw new AccountError(
      "Your account signs in through another service, which provides its address; set a password first (Forgotten password on the sign-in page).",
    );
  if (!(await verifyPassword(user.passwordHash, input.password))) throw new AccountError("That password is incorrect.");
  if (user.email === input.newEmail) throw new AccountError("That is already your address.");
  if ((await db.user.count({ where: { email: input.newEmail } })) > 0) return { kind: "taken", oldEmail: user.email, newEmail: input.newEmail };
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    // The newest request is the one that counts: earlier links stop working.
    db.accountToken.updateMany({ where: { userId: input.userId, purpose: PURPOSE, usedAt: null }, data: { usedAt: now } }),
    db.accountToken.create({
      data: {
        tokenHash: hashAccountToken(token),
        purpose: PURPOSE,
        userId: input.userId,
        newEmail: input.newEmail,
        expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_MS),
      },
    }),
  ]);
  return { kind: "link", token, oldEmail: user.email, newEmail: input.newEmail };
}

const usable = (token: string, now: Date) => ({ tokenHash: hashAccountToken(token), purpose: PURPOSE, usedAt: null, expiresAt: { gt: now } });

/** The address a change link would move its account to, or null when the link no longer works (spends nothing). */
export async function pendingEmailChange(token: string, now = new Date()): Promise<string | null> {
  const row = await db.accountToken.findFirst({ where: { ...usable(token, now), user: { deletedAt: null } }, select: { newEmail: true } });
  return row?.newEmail ?? null;
}

export type EmailChangeOutcome = { kind: "changed"; userId: string; newEmail: string } | { kind: "unusable" } | { kind: "taken"; newEmail: string };

/**
 * Spends a change link and moves the account to its address, in one transaction: the link is marked used only if
 * it still worked (two concurrent uses cannot both win). An address taken since the request is refused (the
 * database's unique index decides a race) and nothing changes.
 */
export async function confirmEmailChange(token: string, now = new Date()): Promise<EmailChangeOutcome> {
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.accountToken.findFirst({
        where: { ...usable(token, now), user: { deletedAt: null } },
        select: { id: true, userId: true, newEmail: true },
      });
      if (!row?.newEmail) return { kind: "unusable" } as const;
      const { count } = await tx.accountToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
      if (count !== 1) return { kind: "unusable" } as const;
      if ((await tx.user.count({ where: { email: row.newEmail } })) > 0) throw new AddressTaken(row.newEmail);
      await tx.user.update({ where: { id: row.userId }, data: { email: row.newEmail, emailVerified: now } });
      return { kind: "changed", userId: row.userId, newEmail: row.newEmail } as const;
    });
  } catch (error) {
    if (error instanceof AddressTaken) return { kind: "taken", newEmail: error.address };
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { kind: "taken", newEmail: "" };
    throw error;
  }
}

class AddressTaken extends Error {
  constructor(readonly address: string) {
    super("address taken");
  }
}
