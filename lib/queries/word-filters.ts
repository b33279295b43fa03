import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { WordFilterAction } from "@/lib/generated/prisma/enums";
import { appendLog } from "./moderation-log";
import { ModerationError } from "./moderation";

/** The rules a comment body is checked against, read inside the posting transaction. */
export function loadWordFilterRules(tx: Tx) {
  return tx.wordFilter.findMany({ select: { phrase: true, action: true } });
}

export function listWordFilters() {
  return db.wordFilter.findMany({
    orderBy: { phrase: "asc" },
    select: { id: true, phrase: true, action: true, createdAt: true, createdBy: { select: { id: true, name: true } } },
  });
}

export async function addWordFilter(input: { adminId: string; phrase: string; action: WordFilterAction }) {
  try {
    return await db.$transaction(async (tx) => {
      const filter = await tx.wordFilter.create({
        data: { phrase: input.phrase, action: input.action, createdById: input.adminId },
        select: { id: true },
      });
      await appendLog(tx, {
        moderatorId: input.adminId,
        articleId: null,
        action: "add_word_filter",
        targetType: "word_filter",
        targetId: filter.id,
        detail: `${input.action}: ${input.phrase}`,
      });
      return filter;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ModerationError("That phrase is already in the filter.", "conflict");
    }
    throw error;
  }
}

export async function removeWordFilter(input: { adminId: string; id: string }) {
  return db.$transaction(async (tx) => {
    const filter = await tx.wordFilter.findUnique({ where: { id: input.id }, select: { id: true, phrase: true, action: true } });
    if (!filter) throw new ModerationError("That filter does not exist.", "not_found");
    await tx.wordFilter.delete({ where: { id: filter.id } });
    await appendLog(tx, {
      moderatorId: input.adminId,
      articleId: null,
      action: "remove_word_filter",
      targetType: "word_filter",
      targetId: filter.id,
      detail: `${filter.action}: ${filter.phrase}`,
    });
  });
}
