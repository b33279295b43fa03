import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/postgres/client";
import { createPostgresAdapter } from "@/lib/postgres-adapter";
import { createDatabase, dropDatabase, testDatabaseKind, uniqueDatabaseName } from "@/lib/testing/postgres";

// docs/deploy.md's PostgreSQL backup, as an operator runs it: `pg_dump --format=custom` of a forum migrated and
// seeded the way `npm run setup` does it, with members, comments and a moderation-log row; `pg_restore --no-owner`
// into an empty database. The restored forum has the same rows, nothing left to migrate, and a moderation log
// that is still append-only (its triggers came along). Runs in the PostgreSQL pass, which has a server.
const onPostgres = testDatabaseKind() === "postgres";
const PRISMA = path.join(process.cwd(), "node_modules", ".bin", "prisma");

const created: string[] = [];
let dir = "";

afterAll(async () => {
  await Promise.all(created.map((name) => dropDatabase(name)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function newDatabase(): Promise<string> {
  const name = uniqueDatabaseName("agora_copy");
  created.push(name);
  return createDatabase(name, undefined, { throwaway: false });
}

function clientOf(url: string) {
  return new PrismaClient({ adapter: createPostgresAdapter(url, { poolSize: 2 }) });
}

/** What an operator would compare: every row of the tables a forum lives by, in a stable order. */
async function snapshot(client: PrismaClient) {
  const [users, threads, comments, log] = await Promise.all([
    client.user.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, nameKey: true, email: true, role: true, passwordHash: true } }),
    client.thread.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true, commentCount: true, articleId: true } }),
    client.comment.findMany({ orderBy: { id: "asc" } }),
    client.moderationLog.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { users, threads, comments, log };
}

describe.skipIf(!onPostgres)("PostgreSQL backup and restore (pg_dump, pg_restore)", () => {
  it("restores a dump into an empty database: the same rows, nothing to migrate, the moderation log still append-only", async () => {
    const source = await newDatabase();
    // Migrated and seeded (the article's threads) as `npm run setup` does it, _prisma_migrations included (a secret
    // given, so setup writes no .env.local into the checkout).
    const setupEnv = { ...process.env, DATABASE_URL: source, AUTH_SECRET: "restore-test-secret-restore-test-secret" };
    execFileSync("node", ["scripts/setup.mjs"], { env: setupEnv, stdio: "pipe", timeout: 120_000 });

    const writer = clientOf(source);
    try {
      const thread = await writer.thread.findFirstOrThrow({ orderBy: { position: "asc" } });
      const author = await writer.user.create({
        data: { name: "Backup Author", nameKey: "backup author", email: "backup-author@example.test", passwordHash: "argon2-hash-stand-in" },
      });
      const moderator = await writer.user.create({
        data: { name: "Backup Moderator", nameKey: "backup moderator", email: "backup-mod@example.test", role: "moderator" },
      });
      const first = await writer.comment.create({
        data: {
          threadId: thread.id,
          authorId: author.id,
          body: "Before the backup — with ünïcode and 'quotes'.",
          bodyHtml: "<p>Before the backup</p>",
          path: "0001",
        },
      });
      await writer.comment.create({
        data: {
          threadId: thread.id,
          authorId: author.id,
          parentId: first.id,
          depth: 1,
          body: "A reply",
          path: "0001.0001",
          status: "hidden",
          moderationReason: "Off topic",
        },
      });
      await writer.thread.update({ where: { id: thread.id }, data: { commentCount: 2 } });
      await writer.moderationLog.create({
        data: { moderatorId: moderator.id, action: "hide", targetType: "comment", targetId: first.id, targetUserId: author.id, reason: "Off topic" },
      });
    } finally {
      await writer.$disconnect();
    }

    dir = mkdtempSync(path.join(tmpdir(), "agora-pg-dump-"));
    const dump = path.join(dir, "agora.dump");
    // The commands docs/deploy.md gives.
    execFileSync("pg_dump", ["--format=custom", `--file=${dump}`, source], { stdio: "pipe", timeout: 120_000 });
    const target = await newDatabase();
    execFileSync("pg_restore", ["--no-owner", `--dbname=${target}`, dump], { stdio: "pipe", timeout: 120_000 });

    const before = clientOf(source);
    const after = clientOf(target);
    try {
      const [original, restored] = await Promise.all([snapshot(before), snapshot(after)]);
      expect(restored.comments).toHaveLength(2);
      expect(restored.log).toHaveLength(1);
      expect(restored.threads.length).toBeGreaterThan(0);
      expect(restored).toEqual(original);

      // The restored database is at the same migration as the code: nothing to apply.
      const status = spawnSync(PRISMA, ["migrate", "status"], { env: { ...process.env, DATABASE_URL: target }, encoding: "utf8", timeout: 120_000 });
      expect(status.status, status.stdout + status.stderr).toBe(0);
      expect(status.stdout).toMatch(/Database schema is up to date/);

      // The append-only triggers came along: the restored log cannot be rewritten.
      await expect(after.moderationLog.updateMany({ data: { reason: "rewritten" } })).rejects.toThrow(/append-only/);
      await expect(after.moderationLog.deleteMany({})).rejects.toThrow(/append-only/);
      // And the restored forum takes new writes.
      const thread = restored.threads[0]!;
      await after.comment.create({
        data: { threadId: thread.id, authorId: restored.users.find((user) => user.name === "Backup Author")!.id, body: "After the restore", path: "0002" },
      });
      expect(await after.comment.count()).toBe(3);
    } finally {
      await Promise.all([before.$disconnect(), after.$disconnect()]);
    }
  }, 240_000);
});
