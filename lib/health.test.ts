import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { createPrismaClient, db } from "@/lib/db";
import { checkDatabase } from "@/lib/health";

describe("database health", () => {
  it("reports the test database reachable", async () => {
    expect(await checkDatabase(db)).toMatchObject({ reachable: true });
  });

  it.each([
    ["a SQLite file in a directory that does not exist", "file:/nonexistent-agora-dir/forum.db"],
    ["a PostgreSQL server that is not listening", "postgresql://postgres@127.0.0.1:9/agora_nowhere"],
  ])("reports %s unreachable, with the driver's reason", async (_name, url) => {
    const client = createPrismaClient(url);
    try {
      const health = await checkDatabase(client);
      expect(health.reachable).toBe(false);
      expect(health).toHaveProperty("error");
    } finally {
      await client.$disconnect().catch(() => {});
    }
  });

  it("reports a database that does not answer in time unreachable", async () => {
    const hanging = { $queryRaw: () => new Promise(() => {}) } as unknown as typeof db;
    const health = await checkDatabase(hanging, 50);
    expect(health).toMatchObject({ reachable: false, error: "no answer within 50 ms" });
  });

  it("GET /api/health answers 200 with no-store while the database answers", async () => {
    const response = await GET(new Request("http://localhost/api/health"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: "ok", database: { reachable: true } });
  });
});
