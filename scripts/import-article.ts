/** Imports a plain-text or Markdown article: `tsx scripts/import-article.ts article.md [--slug s] [--source "..."]`. */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadEnvFiles } from "@/lib/load-env-files";
import { ArticleImportError, parseArticleFile } from "@/lib/article-import";

const USAGE = 'usage: tsx scripts/import-article.ts path/to/article.txt [--slug my-slug] [--source "Where it is from"]';

/** A mistake in how the script was called; reported as one line, like an import error. */
class UsageError extends Error {}

interface CliArgs {
  file: string;
  slug?: string;
  source?: string;
}

function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { slug: { type: "string" }, source: { type: "string" } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`expected exactly one article file\n${USAGE}`);
  return { file, slug: parsed.values.slug, source: parsed.values.source };
}

async function readArticleFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code;
    throw new ArticleImportError(`Cannot read the article file "${file}": ${reason ?? "unknown error"}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const { file, slug, source } = parseCliArgs(argv);
  // Parse before touching the database, so a bad file never opens (or creates) it.
  const seed = parseArticleFile(await readArticleFile(file), { slug, source });

  loadEnvFiles();
  // Imported only after the env files are loaded: lib/db reads DATABASE_URL when it is first evaluated.
  const { upsertArticle } = await import("@/lib/queries/articles");
  const { db } = await import("@/lib/db");
  try {
    const result = await upsertArticle(seed);
    console.log(`${result.created ? "Imported" : "Updated"} "${seed.title}"`);
    console.log(`  /a/${seed.slug}`);
    console.log(`  ${seed.points.length} thread(s): ${result.threadsCreated} created, ${result.threadsUpdated} updated`);
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ArticleImportError || error instanceof UsageError) {
    console.error(`error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
