/**
 * Renders the comments whose stored HTML a different renderer version made (lib/queries/cooked-comments.ts):
 * `tsx scripts/render-comments.ts`. scripts/setup.mjs runs it after every migration, so a migrated database
 * (new columns, or a RENDERER_VERSION bump) is filled before the server starts.
 */
import { loadEnvFiles } from "@/lib/load-env-files";

async function main(): Promise<void> {
  loadEnvFiles();
  // Imported only after the env files are loaded: lib/db reads DATABASE_URL when it is first evaluated.
  const { backfillCookedComments } = await import("@/lib/queries/cooked-comments");
  const { db } = await import("@/lib/db");
  try {
    const { comments } = await backfillCookedComments(db);
    if (comments > 0) console.log(`rendered ${comments} comment(s) for the current renderer`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
