import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";

/** How long a reset link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
const PURPOSE = "password_reset";

/** Only the digest is stored, so the database alone never yields a working link. */
export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The member a reset email goes to, or null for an address with no account. */
export function findUserForPasswordReset(email: string) {
  return db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
}

/** A new single-use reset token for this member; returns the token itself (only its hash is stored). */
export async function createPasswordResetToken(userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.accountToken.create({
    data: { tokenHash: hashAccountToken(token), purpose: PURPOSE, userId, expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS) },
  });
  return token;
}

const usable = (token: string, now: Date) => ({ tokenHash: hashAccountToken(token), purpose: PURPOSE, usedAt: null, expiresAt: { gt: now } });

/** Whether a reset link still works (unused, unexpired), without spending it: the reset page shows its form only then. */
export async function isPasswordResetTokenUsable(token: string, now = new Date()): Promise<boolean> {
  return (await db.accountToken.count({ where: usable(token, now) })) === 1;
}

/**
 * Spends a reset token and sets the member's new password, in one transaction: the token is marked used only if
 * it was still unused and unexpired (so two concurrent uses cannot both win), every session of the account ends
 * and every other reset link of the account stops working. Returns the account's email, or null (nothing changed).
 */
export async function resetPasswordWithToken(token: string, passwordHash: string, now = new Date()): Promise<{ userId: string; email: string } | null> {
  return db.$transaction(async (tx) => {
    const row = await tx.accountToken.findFirst({ where: usable(token, now), select: { id: true, userId: true } });
    if (!row) return null;
    const { count } = await tx.accountToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (count !== 1) return null;
    await tx.accountToken.updateMany({ where: { userId: row.userId, purpose: PURPOSE, usedAt: null }, data: { usedAt: now } });
    const user = await tx.user.update({ where: { id: row.userId }, data: { passwordHash }, select: { id: true, email: true } });
    // Following the emailed link proved the mailbox: an address not yet confirmed is now (lib/email-confirmation.ts).
    await tx.user.updateMany({ where: { id: row.userId, emailVerified: null }, data: { emailVerified: now } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    return user.email ? { userId: user.id, email: user.email } : null;
  });
}
