import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/current-user";
import { canDecideCorrection, canModerate } from "@/lib/permissions";
import { OPEN_MODERATION_ITEMS } from "./reports";

export type Waiting = { reportsAndPending: number; appeals: number; corrections: number; total: number };

const NOTHING: Waiting = { reportsAndPending: 0, appeals: 0, corrections: 0, total: 0 };

/**
 * Everything waiting that this moderator may act on, the header badge's one count and the parts the queue page
 * shows: reported items and comments awaiting approval, open appeals they may decide (not of their own decisions,
 * nor their own appeals: lib/permissions/appeals.ts canDecideAppeal), and open correction requests. One statement:
 * the header asks on every page a moderator opens.
 */
export async function countWaiting(viewer: Pick<CurrentUser, "id" | "role" | "suspension"> | null): Promise<Waiting> {
  if (!canModerate(viewer)) return NOTHING;
  const [row] = await db.$queryRaw<Record<"reportsAndPending" | "appeals" | "corrections", number | bigint>[]>`
    SELECT
      ${OPEN_MODERATION_ITEMS} AS "reportsAndPending",
      (
        SELECT COUNT(*) FROM "Appeal" AS "a" JOIN "ModerationLog" AS "l" ON "l"."id" = "a"."logId"
        WHERE "a"."status" = 'open' AND "a"."appellantId" <> ${viewer!.id}
          -- A decision Agora took by itself (no moderator) is any moderator's to review.
          AND ("l"."moderatorId" IS NULL OR "l"."moderatorId" <> ${viewer!.id})
      ) AS "appeals",
      (SELECT COUNT(*) FROM "Correction" WHERE "status" = 'open') AS "corrections"`;
  const reportsAndPending = Number(row!.reportsAndPending);
  const appeals = Number(row!.appeals);
  const corrections = canDecideCorrection(viewer) ? Number(row!.corrections) : 0;
  return { reportsAndPending, appeals, corrections, total: reportsAndPending + appeals + corrections };
}
