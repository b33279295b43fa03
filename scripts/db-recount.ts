/**
 * Recomputes every stored counter from the rows (`npm run db:recount`): each thread's commentCount and
 * lastActivityAt, each comment's replyCount and score (lib/queries/counters.ts). Idempotent, one transaction,
 * safe while the forum serves; prints each correction, and nothing else when the counters were right.
 */
import { loadEnvFiles } from "@/lib/load-env-files";

async function main(): Promise<void> {
  loadEnvFiles();
  // Imported only after the env files are loaded: lib/db reads DATABASE_URL when it is first evaluated.
  const { recountCounters } = await import("@/lib/queries/counters");
  const { db } = await import("@/lib/db");
  try {
    const corrected = await recountCounters(db);
    for (const drift of corrected) console.log(`${drift.counter} ${drift.id}: ${drift.stored} -> ${drift.actual}`);
    console.log(corrected.length === 0 ? "every counter matched its rows" : `corrected ${corrected.length} counter(s)`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
