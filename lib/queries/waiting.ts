import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/current-user";
import { canDecideCorrection, canModerate } from "@/lib/permissions";
import { countOpenModerationItems } from "./reports";

export type Waiting = { reportsAndPending: number; appeals: number; corrections: number; total: number };

const NOTHING: Waiting = { reportsAndPending: 0, appeals: 0, corrections: 0, total: 0 };

/**
 * Everything waiting that this moderator may act on, the header badge's one count and the parts the queue page
 * shows: reported items and comments awaiting approval, open appeals they may decide (not of their own decisions,
 * nor their own appeals: lib/permissions/appeals.ts canDecideAppeal), and open correction requests. Four queries.
 */
export async function countWaiting(viewer: Pick<CurrentUser, "id" | "role" | "suspension"> | null): Promise<Waiting> {
  if (!canModerate(viewer)) return NOTHING;
  const [reportsAndPending, appeals, corrections] = await Promise.all([
    countOpenModerationItems(),
    db.appeal.count({
      where: {
        status: "open",
        appellantId: { not: viewer!.id },
        // A decision Agora took by itself (no moderator) is any moderator's to review.
        log: { OR: [{ moderatorId: null }, { moderatorId: { not: viewer!.id } }] },
      },
    }),
    canDecideCorrection(viewer) ? db.correction.count({ where: { status: "open" } }) : Promise.resolve(0),
  ]);
  return { reportsAndPending, appeals, corrections, total: reportsAndPending + appeals + corrections };
}
