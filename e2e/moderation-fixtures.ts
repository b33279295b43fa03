// Fixtures for the moderation specs of the argument map (public log, appeals, slow mode): an article of their own,
// so what they switch on (a lock, slow mode) and what they count (the public log) is theirs alone in a shared run.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { E2E_DATABASE_URL } from "./app-server";
import { expect, type ThreadRef } from "./helpers";

const run = promisify(execFile);
const tsx = path.join("node_modules", ".bin", "tsx");

export type TestArticle = { slug: string; title: string; points: [string, string] };

/** Imports a two-point article (scripts/import-article.ts) into the suite's database. */
export async function importTestArticle(label: string): Promise<TestArticle> {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const slug = `${label}-${id}`;
  const article: TestArticle = {
    slug,
    title: `Moderation in the open ${id}`,
    points: [`Cities should plant more trees ${id}`, `Parks pay for themselves ${id}`],
  };
  const text = [
    `# ${article.title}`,
    "",
    "An article written for a test of moderation.",
    "",
    `## ${article.points[0]}`,
    "",
    "Shade lowers summer temperatures in streets by several degrees.",
    "",
    `## ${article.points[1]}`,
    "",
    "Nearby homes gain value, and the taxes on them pay for upkeep.",
    "",
  ].join("\n");
  const directory = await mkdtemp(path.join(tmpdir(), "agora-mod-"));
  try {
    const file = path.join(directory, `${slug}.md`);
    await writeFile(file, text);
    const importOnce = () =>
      run(tsx, ["scripts/import-article.ts", file, "--slug", slug, "--source", "Agora tests"], { env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL } });
    // Once more if the machine was too busy for the transaction's time limit: a failed import wrote nothing.
    await importOnce().catch(importOnce);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  return article;
}

/** Makes an existing account a moderator (npm run user:role), as an operator would. */
export async function makeModerator(email: string): Promise<void> {
  await run(tsx, ["scripts/user-role.ts", email, "moderator"], { env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL } });
}

/** Opens one point of the article from its page (`origin`: another server's URL, or the suite's). */
export async function openPoint(page: Page, article: TestArticle, n: 1 | 2, origin = ""): Promise<ThreadRef> {
  await page.goto(`${origin}/a/${article.slug}`);
  const title = article.points[n - 1]!;
  await page.getByRole("link", { name: title }).first().click();
  await page.waitForURL(/\/t\/[a-z0-9]+$/i);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const threadPath = new URL(page.url()).pathname;
  return { id: threadPath.split("/").at(-1) ?? "", title, path: threadPath };
}
