import { db, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { displayNameKey, NameTakenError } from "@/lib/display-name";
import { removeDefaultIgnorables } from "@/lib/text/fold";
import { appendLog } from "./moderation-log";

/** How many earlier names a moderator sees on a member's page. */
export const EARLIER_NAMES_SHOWN = 20;

/**
 * Changes a member's display name (already checked by displayNameSchema) and keeps the old one. A name that reads
 * the same as another member's is refused by the unique key; the member's own name in another case is allowed.
 */
export async function changeDisplayName(input: { userId: string; name: string }): Promise<{ changed: boolean }> {
  const nameKey = displayNameKey(input.name);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { name: true } });
      if (!user) throw new NameTakenError();
      if (user.name === input.name) return { changed: false };
      await tx.user.update({ where: { id: input.userId }, data: { name: input.name, nameKey } });
      if (user.name) await tx.nameChange.create({ data: { userId: input.userId, oldName: user.name, newName: input.name } });
      return { changed: true };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new NameTakenError();
    throw error;
  }
}

/** A member's earlier display names, newest first (for moderators). */
export function listEarlierNames(userId: string) {
  return db.nameChange.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: EARLIER_NAMES_SHOWN,
    select: { oldName: true, newName: true, createdAt: true },
  });
}

/**
 * Gives every member without one a name key (rows from before User.nameKey, members created by an OAuth sign-in),
 * oldest member first. Invisible characters are dropped from the name; a name that reads the same as an earlier
 * member's gets a number ("Mod Probe 2"), and the rename is kept as an earlier name and written to the
 * moderation log. `npm run setup` runs it (scripts/backfill-comments.ts); idempotent.
 */
export async function backfillNameKeys(client: Db = db): Promise<{ keyed: number; renamed: number }> {
  const taken = new Set((await client.user.findMany({ where: { nameKey: { not: null } }, select: { nameKey: true } })).map((row) => row.nameKey!));
  const rows = await client.user.findMany({
    where: { nameKey: null, name: { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
  let renamed = 0;
  for (const row of rows) {
    const cleaned = removeDefaultIgnorables(row.name!).replace(/\s+/gu, " ").trim() || "Member";
    let name = cleaned;
    for (let n = 2; taken.has(displayNameKey(name)) || displayNameKey(name) === ""; n += 1) name = `${cleaned} ${n}`;
    const nameKey = displayNameKey(name);
    taken.add(nameKey);
    if (name === row.name) {
      await client.user.update({ where: { id: row.id }, data: { nameKey } });
      continue;
    }
    renamed += 1;
    await client.$transaction(async (tx) => {
      await tx.user.update({ where: { id: row.id }, data: { name, nameKey } });
      await tx.nameChange.create({ data: { userId: row.id, oldName: row.name!, newName: name } });
      await appendLog(tx, {
        moderatorId: null,
        articleId: null,
        action: "rename_duplicate_name",
        targetType: "user",
        targetId: row.id,
        targetUserId: row.id,
        reason: name === cleaned ? "Invisible characters removed from the display name." : "Another member's display name reads the same.",
        detail: `${JSON.stringify(row.name)} → ${JSON.stringify(name)}`,
      });
    });
  }
  return { keyed: rows.length, renamed };
}
