/** Seeds the default articles: `tsx scripts/seed.ts`. */
import { loadEnvFiles } from "@/lib/load-env-files";
import type { SeededArticle } from "@/seeds/seed";

async function main(): Promise<void> {
  loadEnvFiles();
  // Imported only after the env files are loaded: lib/db reads DATABASE_URL when it is first evaluated.
  const { seedDefaultArticles } = await import("@/seeds/seed");
  const { db } = await import("@/lib/db");
  try {
    for (const article of await seedDefaultArticles()) console.log(describe(article));
  } finally {
    await db.$disconnect();
  }
}

function describe(article: SeededArticle): string {
  const action = article.created ? "created" : "already present";
  return `${action}: /a/${article.slug} "${article.title}" — ` + `${article.threadsCreated} thread(s) created, ${article.threadsUpdated} updated`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
