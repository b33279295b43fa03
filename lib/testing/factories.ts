import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

/** A member with a unique email, for tests that need an author. */
export function createTestUser(name = "Tester") {
  return db.user.create({
    data: { name, email: `${randomUUID()}@example.test` },
    select: { id: true, name: true, role: true },
  });
}

/** An article with `points` threads, unique per call. */
export async function createTestThreads(points = 2) {
  const slug = `test-${randomUUID()}`;
  const article = await db.article.create({
    data: {
      slug,
      title: "Test article",
      source: "Test source",
      summary: "A summary.",
      threads: {
        create: Array.from({ length: points }, (_, i) => ({
          position: i + 1,
          title: `Point ${i + 1}`,
          summary: `Summary ${i + 1}`,
          excerpt: `Excerpt ${i + 1}`,
        })),
      },
    },
    select: { id: true, threads: { select: { id: true }, orderBy: { position: "asc" } } },
  });
  return article.threads.map((thread) => thread.id);
}
