import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/prisma/client";
import { createPostgresAdapter } from "@/lib/postgres-adapter";
import { createDatabase, dropDatabase, testDatabaseKind, uniqueDatabaseName } from "@/lib/testing/postgres";

// SQLite → PostgreSQL, so it runs once, in the PostgreSQL pass (which has a server to copy into).
const onPostgres = testDatabaseKind() === "postgres";
const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const PRISMA = path.join(process.cwd(), "node_modules", ".bin", "prisma");

let dir = "";
const created: string[] = [];

/** A database migrated the way `npm run setup` does it (with _prisma_migrations). */
function migrate(url: string) {
  execFileSync(PRISMA, ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
}

async function newPostgresDatabase({ migrated }: { migrated: boolean }) {
  const name = uniqueDatabaseName("agora_copy");
  created.push(name);
  const url = await createDatabase(name);
  if (migrated) migrate(url);
  return url;
}

function copy(sqliteFile: string, postgresUrl: string) {
  const result = spawnSync(TSX, ["scripts/copy-to-postgres.ts", sqliteFile, postgresUrl], { encoding: "utf8", timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const at = (iso: string) => new Date(iso);

/** A small forum with every kind of row, written through Prisma into a migrated SQLite file. */
async function buildForum(file: string) {
  migrate(`file:${file}`);
  const forum = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
  try {
    const alice = await forum.user.create({
      data: {
        id: "u-alice",
        name: "Alice",
        email: "alice@example.test",
        passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
        emailVerified: at("2026-01-02T03:04:05.678Z"),
        createdAt: at("2026-01-01T00:00:00.001Z"),
      },
    });
    const mod = await forum.user.create({ data: { id: "u-mod", name: "Mo", email: "mo@example.test", role: "moderator" } });
    const bob = await forum.user.create({
      data: { id: "u-bob", name: "Bob", email: "bob@example.test", suspendedUntil: at("2027-05-06T07:08:09.010Z"), suspensionReason: "Spam" },
    });
    await forum.account.create({ data: { userId: alice.id, type: "oauth", provider: "github", providerAccountId: "42", expires_at: 1_900_000_000 } });
    await forum.session.create({ data: { sessionToken: "token-1", userId: alice.id, expires: at("2026-12-31T00:00:00Z") } });
    await forum.verificationToken.create({ data: { identifier: "alice@example.test", token: "verify-1", expires: at("2026-12-31T00:00:00Z") } });
    const article = await forum.article.create({
      data: {
        slug: "trees",
        title: "Trees",
        source: "Notes",
        summary: "Shade.",
        threads: { create: [1, 2].map((position) => ({ position, title: `Point ${position}`, summary: "S", excerpt: "E" })) },
      },
      include: { threads: { orderBy: { position: "asc" } } },
    });
    const [thread] = article.threads;
    await forum.thread.update({ where: { id: thread!.id }, data: { locked: true, lockReason: "Heated", pinned: true, commentCount: 4 } });
    // Ids chosen so that replies sort BEFORE their parents: the copy must follow the parent links, not the ids.
    const comment = (id: string, parentId: string | null, depth: number, authorId: string, extra: object = {}) =>
      forum.comment.create({ data: { id, threadId: thread!.id, authorId, parentId, depth, body: `Comment ${id}`, ...extra } });
    await comment("c-z-root", null, 0, alice.id);
    await comment("c-m-reply", "c-z-root", 1, bob.id, {
      status: "hidden",
      moderationReason: "Rude",
      moderatedById: mod.id,
      moderatedAt: at("2026-02-02T00:00:00Z"),
    });
    await comment("c-a-nested", "c-m-reply", 2, alice.id, { editedAt: at("2026-02-03T00:00:00Z") });
    await comment("c-b-deleted", "c-z-root", 1, bob.id, { deletedAt: at("2026-02-04T00:00:00Z"), status: "removed" });
    // More rows than one batch (1000), so the copy pages through a table.
    await forum.rateLimiterFlexible.createMany({
      data: Array.from({ length: 2500 }, (_, i) => ({
        key: `comment:user:${String(i).padStart(5, "0")}`,
        points: i % 7,
        expire: i % 2 ? null : at("2026-03-01T00:00:00Z"),
      })),
    });
    await forum.report.create({
      data: { reporterId: alice.id, threadId: thread!.id, commentId: "c-m-reply", reason: "harassment", note: "Rude", openKey: "u-alice:c-m-reply" },
    });
    await forum.report.create({
      data: {
        reporterId: bob.id,
        threadId: thread!.id,
        reason: "off_topic",
        status: "resolved",
        resolution: "Fine",
        resolvedById: mod.id,
        resolvedAt: at("2026-02-05T00:00:00Z"),
      },
    });
    await forum.moderationLog.create({
      data: {
        id: "log-1",
        moderatorId: mod.id,
        action: "hide",
        targetType: "comment",
        targetId: "c-m-reply",
        targetUserId: bob.id,
        reason: "Rude",
        detail: '{"from":"visible"}',
        createdAt: at("2026-02-02T00:00:00.123Z"),
      },
    });
    await forum.moderationLog.create({
      data: { id: "log-2", moderatorId: mod.id, action: "suspend", targetType: "user", targetId: bob.id, targetUserId: bob.id },
    });
    await forum.wordFilter.create({ data: { phrase: "buy now", action: "block", createdById: mod.id } });
    await forum.user.update({ where: { id: bob.id }, data: { emailNotifications: false } });
    await forum.notification.create({ data: { id: "n-1", recipientId: alice.id, commentId: "c-m-reply", kind: "reply", readAt: at("2026-02-06T00:00:00Z") } });
    await forum.notification.create({ data: { id: "n-2", recipientId: bob.id, commentId: "c-a-nested", kind: "mention" } });
  } finally {
    await forum.$disconnect();
  }
}

async function readAll(client: SqliteClient | PostgresClient) {
  const c = client as SqliteClient;
  return {
    users: await c.user.findMany({ orderBy: { id: "asc" } }),
    accounts: await c.account.findMany({ orderBy: { id: "asc" } }),
    sessions: await c.session.findMany({ orderBy: { id: "asc" } }),
    verificationTokens: await c.verificationToken.findMany({ orderBy: { token: "asc" } }),
    articles: await c.article.findMany({ orderBy: { id: "asc" } }),
    threads: await c.thread.findMany({ orderBy: { id: "asc" } }),
    comments: await c.comment.findMany({ orderBy: { id: "asc" } }),
    notifications: await c.notification.findMany({ orderBy: { id: "asc" } }),
    reports: await c.report.findMany({ orderBy: { id: "asc" } }),
    moderationLog: await c.moderationLog.findMany({ orderBy: { id: "asc" } }),
    wordFilters: await c.wordFilter.findMany({ orderBy: { id: "asc" } }),
    rateLimits: await c.rateLimiterFlexible.findMany({ orderBy: { key: "asc" } }),
  };
}

describe.skipIf(!onPostgres)(
  `npm run db:copy-to-postgres${onPostgres ? "" : " [skipped: copies into PostgreSQL; runs in the PostgreSQL pass (TEST_DATABASE=postgres)]"}`,
  () => {
    let source = "";

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), "agora-copy-"));
      source = path.join(dir, "forum.db");
      await buildForum(source);
    }, 60_000);

    afterAll(async () => {
      for (const name of created) await dropDatabase(name);
      rmSync(dir, { recursive: true, force: true });
    });

    it("copies every table into an empty migrated database: equal counts, equal rows", async () => {
      const url = await newPostgresDatabase({ migrated: true });
      const { status, output } = copy(source, url);
      expect(output).toContain("committed");
      expect(status).toBe(0);

      const sqlite = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: `file:${source}` }) });
      const postgres = new PostgresClient({ adapter: createPostgresAdapter(url, { poolSize: 1 }) });
      try {
        const [from, to] = [await readAll(sqlite), await readAll(postgres)];
        for (const table of Object.keys(from) as (keyof typeof from)[]) {
          expect(to[table].length, `${table} count`).toBe(from[table].length);
          expect(to[table], table).toEqual(from[table]);
        }
        expect(to.comments.length).toBe(4);
        expect(to.rateLimits.length).toBe(2500);

        // Spot checks, written out: a nested reply, a log entry, a member with a password and a suspension.
        const nested = await postgres.comment.findUniqueOrThrow({ where: { id: "c-a-nested" }, include: { parent: { include: { parent: true } } } });
        expect(nested.parent?.id).toBe("c-m-reply");
        expect(nested.parent?.status).toBe("hidden");
        expect(nested.parent?.moderatedById).toBe("u-mod");
        expect(nested.parent?.parent?.id).toBe("c-z-root");
        expect(nested.editedAt).toEqual(at("2026-02-03T00:00:00Z"));
        const entry = await postgres.moderationLog.findUniqueOrThrow({ where: { id: "log-1" } });
        expect(entry).toMatchObject({ action: "hide", targetUserId: "u-bob", detail: '{"from":"visible"}', createdAt: at("2026-02-02T00:00:00.123Z") });
        const alice = await postgres.user.findUniqueOrThrow({ where: { id: "u-alice" } });
        expect(alice.passwordHash).toBe("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
        expect(alice.emailVerified).toEqual(at("2026-01-02T03:04:05.678Z"));
        expect((await postgres.user.findUniqueOrThrow({ where: { id: "u-bob" } })).suspendedUntil).toEqual(at("2027-05-06T07:08:09.010Z"));
        expect(await postgres.thread.count({ where: { locked: true, pinned: true, lockReason: "Heated" } })).toBe(1);

        // The copied log is still append-only.
        await expect(postgres.moderationLog.delete({ where: { id: "log-1" } })).rejects.toThrow(/append-only/);
      } finally {
        await Promise.all([sqlite.$disconnect(), postgres.$disconnect()]);
      }

      // A second copy into the same (now full) database is refused.
      const again = copy(source, url);
      expect(again.status).toBe(1);
      expect(again.output).toMatch(/the PostgreSQL database is not empty: User \(3\)/);
    }, 120_000);

    it("refuses a database that was not migrated", async () => {
      const url = await newPostgresDatabase({ migrated: false });
      const { status, output } = copy(source, url);
      expect(status).toBe(1);
      expect(output).toContain("has no migration history");
    }, 60_000);

    it("writes nothing when a row fails to copy (one transaction)", async () => {
      // A reply whose author does not exist: SQLite let it in with foreign keys off; PostgreSQL refuses it.
      const broken = path.join(dir, "broken.db");
      copyFileSync(source, broken);
      const sqlite = new Database(broken);
      sqlite.pragma("foreign_keys = OFF");
      sqlite.prepare(`UPDATE "Comment" SET "authorId" = 'u-gone' WHERE "id" = 'c-a-nested'`).run();
      sqlite.close();

      const url = await newPostgresDatabase({ migrated: true });
      const { status, output } = copy(broken, url);
      expect(status).toBe(1);
      expect(output).toContain("rolled back");
      const postgres = new PostgresClient({ adapter: createPostgresAdapter(url, { poolSize: 1 }) });
      try {
        expect(await postgres.user.count()).toBe(0);
        expect(await postgres.comment.count()).toBe(0);
      } finally {
        await postgres.$disconnect();
      }
    }, 120_000);
  },
);
