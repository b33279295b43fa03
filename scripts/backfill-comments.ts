/**
 * Brings stored comment data up to the current code: `tsx scripts/backfill-comments.ts`. scripts/setup.mjs runs
 * it after every migration. Both steps are idempotent and write only rows that differ:
 * - the HTML and sources a different renderer version made (lib/queries/cooked-comments.ts);
 * - reply counts stored under an older rule (recountReplyCounts: deleted leaves no longer count);
 * - display-name keys for members from before them, duplicates renamed and logged (lib/queries/display-names.ts).
 */
import { loadEnvFiles } from "@/lib/load-env-files";

async function main(): Promise<void> {
  loadEnvFiles();
  // Imported only after the env files are loaded: lib/db reads DATABASE_URL when it is first evaluated.
  const { backfillCookedComments } = await import("@/lib/queries/cooked-comments");
  const { recountReplyCounts } = await import("@/lib/queries/comment-placement");
  const { backfillNameKeys } = await import("@/lib/queries/display-names");
  const { db } = await import("@/lib/db");
  try {
    const { comments } = await backfillCookedComments(db);
    if (comments > 0) console.log(`rendered ${comments} comment(s) for the current renderer`);
    const { corrected } = await recountReplyCounts(db);
    if (corrected > 0) console.log(`corrected the reply count of ${corrected} comment(s)`);
    const { renamed } = await backfillNameKeys(db);
    if (renamed > 0) console.log(`renamed ${renamed} member(s) whose display name read the same as another's (see the moderation log)`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
