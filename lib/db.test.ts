import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPrismaClient, db, executedQueryCount } from "@/lib/db";
import { readEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { createPostgresAdapter } from "@/lib/postgres-adapter";
import { testDatabaseKind } from "@/lib/testing/postgres";
import { createTestUser } from "@/lib/testing/factories";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/postgres/client";

const kind = testDatabaseKind();
const onPostgres = kind === "postgres";

async function serverVersion(client: typeof db): Promise<string> {
  if (onPostgres) return (await client.$queryRaw<{ version: string }[]>`SELECT version() AS version`)[0]!.version;
  return `SQLite ${(await client.$queryRaw<{ version: string }[]>`SELECT sqlite_version() AS version`)[0]!.version}`;
}

describe(`lib/db on ${kind}`, () => {
  it("talks to the database DATABASE_URL names", async () => {
    expect(process.env.DATABASE_URL).toMatch(onPostgres ? /^postgresql:\/\// : /^file:/);
    expect(await serverVersion(db)).toMatch(onPostgres ? /^PostgreSQL / : /^SQLite /);
  });

  it("createPrismaClient(url) picks the driver from the URL", async () => {
    const client = createPrismaClient(process.env.DATABASE_URL);
    try {
      expect(await serverVersion(client)).toMatch(onPostgres ? /^PostgreSQL / : /^SQLite /);
    } finally {
      await client.$disconnect();
    }
  });

  it("counts every statement sent, for query-count tests", async () => {
    const before = executedQueryCount();
    await db.user.count();
    await db.thread.findMany({ take: 1 });
    expect(executedQueryCount() - before).toBe(2);
  });

  it("raises Prisma's known errors as the classes the app imports (a duplicate email is P2002)", async () => {
    const email = `${randomUUID()}@example.test`;
    await db.user.create({ data: { email } });
    const error = await db.user.create({ data: { email } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
  });

  it("rolls back a failed interactive transaction", async () => {
    const email = `${randomUUID()}@example.test`;
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("keeps the moderation log append-only: inserts pass, updates and deletes are refused", async () => {
    const moderator = await createTestUser("Moderator");
    const entry = await db.moderationLog.create({
      data: { moderatorId: moderator.id, action: "hide", targetType: "comment", targetId: "c1", reason: "As written" },
    });
    // Through the model API, SQLite's adapter reports the trigger's abort as a constraint violation without
    // its message; PostgreSQL passes the message on.
    const refusal = onPostgres ? /append-only/ : /constraint/i;
    await expect(db.moderationLog.update({ where: { id: entry.id }, data: { reason: "Rewritten" } })).rejects.toThrow(refusal);
    await expect(db.moderationLog.delete({ where: { id: entry.id } })).rejects.toThrow(refusal);
    await expect(db.$executeRaw`UPDATE "ModerationLog" SET "reason" = 'Rewritten' WHERE "id" = ${entry.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "ModerationLog" WHERE "id" = ${entry.id}`).rejects.toThrow(/append-only/);
    if (onPostgres) await expect(db.$executeRaw`TRUNCATE "ModerationLog" CASCADE`).rejects.toThrow(/append-only/);
    expect(await db.moderationLog.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });
});

describe.skipIf(!onPostgres)(`PostgreSQL pool${onPostgres ? "" : " [skipped: runs in the PostgreSQL pass (TEST_DATABASE=postgres)]"}`, () => {
  it("never opens more connections than its size, queueing the rest", async () => {
    const applicationName = `agora-pool-test-${randomUUID().slice(0, 8)}`;
    const client = new PostgresPrismaClient({ adapter: createPostgresAdapter(process.env.DATABASE_URL!, { poolSize: 2, applicationName }) });
    try {
      const started = Date.now();
      const seen = await Promise.all(
        Array.from(
          { length: 6 },
          () =>
            client.$queryRaw<
              { n: bigint }[]
            >`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ${applicationName} AND state = 'active' AND pg_sleep(0.2) IS NOT NULL`,
        ),
      );
      // Six 0.2 s queries through two connections: three rounds, each seeing at most two active connections.
      expect(Math.max(...seen.map((rows) => Number(rows[0]!.n)))).toBeLessThanOrEqual(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(550);
      const open = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ${applicationName}`;
      expect(Number(open[0]!.n)).toBe(2);
    } finally {
      await client.$disconnect();
    }
    // A closed connection leaves pg_stat_activity once its backend has exited, a moment after the client hangs up.
    await expect
      .poll(
        async () => {
          const after = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ${applicationName}`;
          return Number(after[0]!.n);
        },
        { message: "$disconnect closes the pool", timeout: 5_000 },
      )
      .toBe(0);
  });
});

describe("environment: DATABASE_URL and DATABASE_POOL_SIZE", () => {
  const base = { NODE_ENV: "test" } as NodeJS.ProcessEnv;

  it("accepts SQLite file: URLs and postgres:// or postgresql:// URLs", () => {
    expect(readEnv({ ...base }).DATABASE_URL).toBe("file:./prisma/agora.db");
    for (const url of ["file:./prisma/other.db", "postgres://u:p@db:5432/agora", "postgresql://localhost/agora?sslmode=require"]) {
      expect(readEnv({ ...base, DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });

  it("refuses other URLs, naming the variable", () => {
    expect(() => readEnv({ ...base, DATABASE_URL: "mysql://localhost/agora" })).toThrow(/DATABASE_URL: must be a SQLite URL .* or a PostgreSQL URL/);
    expect(() => readEnv({ ...base, DATABASE_URL: "./prisma/agora.db" })).toThrow(/DATABASE_URL/);
  });

  it("reads the pool size, 10 by default, and refuses nonsense", () => {
    expect(readEnv({ ...base }).DATABASE_POOL_SIZE).toBe(10);
    expect(readEnv({ ...base, DATABASE_POOL_SIZE: "" }).DATABASE_POOL_SIZE).toBe(10);
    expect(readEnv({ ...base, DATABASE_POOL_SIZE: "25" }).DATABASE_POOL_SIZE).toBe(25);
    for (const bad of ["0", "-3", "2.5", "ten", "100000"]) {
      expect(() => readEnv({ ...base, DATABASE_POOL_SIZE: bad }), bad).toThrow(/DATABASE_POOL_SIZE: must be/);
    }
  });
});
