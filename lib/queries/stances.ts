import { db } from "@/lib/db";
import type { Stance } from "@/lib/generated/prisma/enums";
import { STANCES } from "@/lib/validations/comment";

/** How many top-level comments take each stance on one point. */
export type StanceTally = Record<Stance, number>;

export const emptyTally = (): StanceTally => ({ agrees: 0, disagrees: 0, context: 0 });

export const tallyTotal = (tally: StanceTally) => STANCES.reduce((sum, stance) => sum + tally[stance], 0);

/**
 * The stance tallies of several threads in one query (a groupBy), whatever their number. Only what everyone can
 * read counts: visible, not deleted, top-level comments; hidden, removed, pending and deleted ones never do.
 * Every thread asked for gets a tally, all zeros when nobody took a stance.
 */
export async function getStanceTallies(threadIds: string[]): Promise<Map<string, StanceTally>> {
  const tallies = new Map(threadIds.map((id) => [id, emptyTally()]));
  if (threadIds.length === 0) return tallies;
  const groups = await db.comment.groupBy({
    by: ["threadId", "stance"],
    where: { threadId: { in: threadIds }, depth: 0, status: "visible", deletedAt: null, stance: { not: null } },
    _count: { _all: true },
  });
  for (const group of groups) {
    const tally = tallies.get(group.threadId);
    if (tally && group.stance) tally[group.stance] = group._count._all;
  }
  return tallies;
}

/** One thread's tally (the same single query). */
export async function getStanceTally(threadId: string): Promise<StanceTally> {
  return (await getStanceTallies([threadId])).get(threadId)!;
}
