import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { createTestComment, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { visibleTo, visibleToSql, type Viewer } from "./comment-visibility";

// The visibility rule is written twice, as a Prisma filter (typed queries) and as SQL (the raw window query): both
// must answer alike for every viewer, and answer what the rule says.

let threadId: string;
const ids: Record<string, string> = {};
const viewers: Record<string, Viewer> = {};

beforeAll(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  const author = await createTestUser("Author");
  const other = await createTestUser("Other");
  const editor = await createTestUser("Editor", { role: "editor" });
  const moderator = await createTestModerator();
  viewers.anonymous = null;
  viewers.author = { id: author.id, role: "member" };
  viewers.other = { id: other.id, role: "member" };
  viewers.editor = { id: editor.id, role: "editor" };
  viewers.moderator = { id: moderator.id, role: moderator.role };

  const write = async (name: string, input: Omit<Parameters<typeof createTestComment>[0], "threadId" | "authorId">) =>
    (ids[name] = (await createTestComment({ threadId, authorId: author.id, ...input })).id);
  await write("visible", {});
  await write("pending", { status: "pending" });
  await write("pendingWithReply", { status: "pending" });
  await createTestComment({ threadId, authorId: other.id, parentId: ids.pendingWithReply });
  await write("hidden", { status: "hidden" });
  await write("removed", { status: "removed" });
  await write("deletedLeaf", { deletedAt: new Date() });
  await write("deletedWithReply", { deletedAt: new Date() });
  await createTestComment({ threadId, authorId: other.id, parentId: ids.deletedWithReply });
});

const named = (found: string[]) =>
  Object.entries(ids)
    .filter(([, id]) => found.includes(id))
    .map(([name]) => name)
    .sort();

async function throughPrisma(viewer: Viewer) {
  const rows = await db.comment.findMany({ where: { threadId, depth: 0, ...visibleTo(viewer) }, select: { id: true } });
  return named(rows.map((row) => row.id));
}

async function throughSql(viewer: Viewer) {
  const rows = await db.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT "id" FROM "Comment" WHERE "threadId" = ${threadId} AND "depth" = 0 AND ${visibleToSql(viewer)}`,
  );
  return named(rows.map((row) => row.id));
}

// Hidden and removed comments keep their place (the page shows a placeholder for them); the rule only decides
// which rows a page reads at all.
const everyoneSees = ["deletedWithReply", "hidden", "pendingWithReply", "removed", "visible"];

describe.each([
  ["anonymous", everyoneSees],
  ["other", everyoneSees],
  ["editor", everyoneSees],
  ["author", [...everyoneSees, "pending"].sort()],
  ["moderator", [...everyoneSees, "pending"].sort()],
])("a %s viewer", (viewer, expected) => {
  it("reads the comments the rule allows, through the Prisma filter and through SQL alike", async () => {
    expect(await throughPrisma(viewers[viewer]!)).toEqual(expected);
    expect(await throughSql(viewers[viewer]!)).toEqual(expected);
  });
});
