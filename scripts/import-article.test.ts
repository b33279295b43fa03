import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseArticleFile } from "@/lib/article-import";

const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const SCRIPT = path.join("scripts", "import-article.ts");
// The article as the editor gave it, kept beside its points so this runs on every clone.
const TIKTOK_FILE = path.join(process.cwd(), "seeds", "articles", "tiktok-sparks-good.txt");
const workDir = mkdtempSync(path.join(tmpdir(), "agora-import-"));

/** Runs the CLI as a user would, against this test file's database. */
function runImport(...args: string[]) {
  const result = spawnSync(TSX, [SCRIPT, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeTempFile(name: string, content: string | Buffer): string {
  const file = path.join(workDir, name);
  writeFileSync(file, content);
  return file;
}

async function storedRows() {
  return { articles: await db.article.count(), threads: await db.thread.count() };
}

beforeEach(async () => {
  await db.thread.deleteMany();
  await db.article.deleteMany();
});

describe("scripts/import-article.ts", () => {
  it("imports the TikTok article and prints its URL", async () => {
    const expected = parseArticleFile(readFileSync(TIKTOK_FILE));
    const { status, stdout, stderr } = runImport(TIKTOK_FILE);

    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toContain(`/a/${expected.slug}`);
    expect(stdout).toContain(`${expected.points.length} thread(s)`);
    const article = await db.article.findUniqueOrThrow({ where: { slug: expected.slug }, include: { threads: true } });
    expect(article.threads.length).toBeGreaterThanOrEqual(5);
  });

  it("honours --slug and --source, and updates rather than duplicates on a second run", async () => {
    const file = writeTempFile("trees.md", "# Trees\n\n## Shade\n\nTrees cool streets.\n\n## Cost\n\nTrees are cheap.\n");
    const first = runImport(file, "--slug", "city-trees", "--source", "Our own notes");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("/a/city-trees");
    expect(first.stdout).toContain("2 thread(s): 2 created, 0 updated");

    const second = runImport(file, "--slug", "city-trees", "--source", "Our own notes");
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("2 thread(s): 0 created, 0 updated");
    expect(await storedRows()).toEqual({ articles: 1, threads: 2 });
    expect(await db.article.findUnique({ where: { slug: "city-trees" } })).toMatchObject({ source: "Our own notes" });
  });

  it("rejects an empty file with a one-line error and stores nothing", async () => {
    const { status, stdout, stderr } = runImport(writeTempFile("empty.txt", ""));
    expect(status).toBe(1);
    expect(stderr.trim()).toBe("error: The article file is empty");
    expect(stdout).toBe("");
    expect(await storedRows()).toEqual({ articles: 0, threads: 0 });
  });

  it("rejects a binary file and stores nothing", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    const { status, stderr } = runImport(writeTempFile("picture.txt", png));
    expect(status).toBe(1);
    expect(stderr).toMatch(/^error: .*does not look like a text file/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await storedRows()).toEqual({ articles: 0, threads: 0 });
  });

  it("reports a missing file without a stack trace", () => {
    const { status, stderr } = runImport(path.join(workDir, "nope.txt"));
    expect(status).toBe(1);
    expect(stderr).toMatch(/^error: Cannot read the article file ".*nope\.txt": no such file\n$/);
  });

  it("reports a missing file argument with usage", () => {
    const { status, stderr } = runImport();
    expect(status).toBe(1);
    expect(stderr).toMatch(/^error: expected exactly one article file\nusage: /);
  });
});
