import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestThreads, createTestUser } from "@/lib/testing/factories";
import { testDatabaseKind } from "@/lib/testing/postgres";
import {
  ancestorPaths,
  commentKey,
  cursorBefore,
  isCommentPath,
  MAX_COMMENT_DEPTH,
  MAX_COMMENTS_PER_THREAD,
  placeComments,
  SUBTREE_END,
} from "@/lib/materialized-path";
import { backfillCommentPaths } from "./comment-placement";
import { createComment, editComment } from "./comment-writes";
import { moderateComment } from "./moderation";

let threadId: string;
let otherThreadId: string;
let alice: Awaited<ReturnType<typeof createTestUser>>;
let mod: Awaited<ReturnType<typeof createTestUser>>;

beforeEach(async () => {
  [threadId, otherThreadId] = (await createTestThreads(2)) as [string, string];
  alice = await createTestUser("Alice");
  mod = await createTestUser("Mod", { role: "moderator" });
});

const stored = (id: string) => db.comment.findUniqueOrThrow({ where: { id }, select: { path: true, depth: true, replyCount: true } });

describe("keys and paths", () => {
  it("writes fixed-width base36 keys that sort as their numbers do", () => {
    expect(commentKey(1)).toBe("00001");
    expect(commentKey(36)).toBe("00010");
    expect(commentKey(MAX_COMMENTS_PER_THREAD)).toBe("zzzzz");
    expect(() => commentKey(0)).toThrow(RangeError);
    expect(() => commentKey(MAX_COMMENTS_PER_THREAD + 1)).toThrow(RangeError);
    const keys = [1, 9, 10, 35, 36, 1295, 1296, 99_999].map(commentKey);
    expect([...keys].sort()).toEqual(keys);
    expect(`${commentKey(5)}zzzzz` < commentKey(5) + SUBTREE_END).toBe(true);
  });

  it("lists ancestors root first and recognises well-formed paths", () => {
    expect(ancestorPaths("000010000200003")).toEqual(["00001", "0000100002"]);
    expect(ancestorPaths("00001")).toEqual([]);
    expect(isCommentPath("0000a00001")).toBe(true);
    expect(isCommentPath("0000A")).toBe(false);
    expect(isCommentPath("0001")).toBe(false);
    expect(isCommentPath("")).toBe(false);
    expect(cursorBefore("0000100010")).toBe("0000z");
    expect(cursorBefore("00001")).toBe("00000");
  });

  it("places comments whose parent is missing, in another thread or in a loop as top-level ones", () => {
    const { places, lastNumber } = placeComments([
      { id: "a", threadId: "t", parentId: null, status: "visible" },
      { id: "b", threadId: "t", parentId: "missing", status: "visible" },
      { id: "c", threadId: "t", parentId: "x", status: "visible" },
      { id: "d", threadId: "t", parentId: "e", status: "visible" },
      { id: "e", threadId: "t", parentId: "d", status: "visible" },
      { id: "x", threadId: "u", parentId: null, status: "visible" },
      { id: "f", threadId: "t", parentId: "a", status: "pending" },
      { id: "g", threadId: "t", parentId: "f", status: "visible" },
    ]);
    expect(places.get("b")).toEqual(expect.objectContaining({ path: "00002", depth: 0 }));
    expect(places.get("c")).toEqual(expect.objectContaining({ path: "00003", depth: 0 }));
    expect([places.get("d")!.path, places.get("e")!.path].sort()).toEqual(["00005", "0000500004"].sort());
    expect(places.get("x")?.path).toBe("00001");
    expect(places.get("g")).toEqual(expect.objectContaining({ path: "000010000600007", depth: 2 }));
    // The pending reply is not counted; the visible one under it is, in both its ancestors.
    expect(places.get("a")?.replyCount).toBe(1);
    expect(places.get("f")?.replyCount).toBe(1);
    expect(Object.fromEntries(lastNumber)).toEqual({ t: 7, u: 1 });
  });
});

describe("createComment", () => {
  it("gives each comment its parent's path plus the thread's next key, and counts it in every ancestor", async () => {
    const root = await createComment({ threadId, author: alice, body: "root" });
    const reply = await createComment({ threadId, parentId: root.id, author: alice, body: "reply" });
    const nested = await createComment({ threadId, parentId: reply.id, author: alice, body: "nested" });
    const second = await createComment({ threadId, author: alice, body: "second root" });
    const elsewhere = await createComment({ threadId: otherThreadId, author: alice, body: "other thread" });

    expect(root.path).toBe("00001");
    expect(reply.path).toBe("0000100002");
    expect(nested.path).toBe("000010000200003");
    expect(second.path).toBe("00004");
    expect(elsewhere.path).toBe("00001");
    expect((await stored(root.id)).replyCount).toBe(2);
    expect((await stored(reply.id)).replyCount).toBe(1);
    expect((await stored(second.id)).replyCount).toBe(0);
    expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).commentSeq).toBe(4);
  });

  it("leaves pending replies out of reply counts until a moderator approves them, and takes them out again when an edit sends them back", async () => {
    await db.wordFilter.create({ data: { phrase: "holdme", action: "queue", createdById: mod.id } });
    const root = await createComment({ threadId, author: mod, body: "root" });
    const held = await createComment({ threadId, parentId: root.id, author: alice, body: "holdme" });
    expect(held.status).toBe("pending");
    expect((await stored(root.id)).replyCount).toBe(0);

    await moderateComment({ moderatorId: mod.id, commentId: held.id, kind: "approve" });
    expect((await stored(root.id)).replyCount).toBe(1);
    await editComment({ commentId: held.id, author: alice, body: "holdme again" });
    expect((await stored(root.id)).replyCount).toBe(0);
    await moderateComment({ moderatorId: mod.id, commentId: held.id, kind: "hide" });
    expect((await stored(root.id)).replyCount).toBe(1);
  });

  it(`refuses a reply deeper than ${MAX_COMMENT_DEPTH} levels`, async () => {
    const deep = await createComment({ threadId, author: alice, body: "deep" });
    await db.comment.update({ where: { id: deep.id }, data: { depth: MAX_COMMENT_DEPTH } });
    await expect(createComment({ threadId, parentId: deep.id, author: alice, body: "deeper" })).rejects.toMatchObject({ code: "invalid_parent" });
  });
});

describe("backfillCommentPaths", () => {
  it("places rows inserted in bulk exactly as createComment would have, and the next comment after them", async () => {
    // The same tree twice: once through createComment, once as raw rows with no path, depth or counts.
    const shape: (number | null)[] = [null, 0, 1, 1, null, 4, 2, 6, 0];
    const statuses = ["visible", "visible", "pending", "visible", "visible", "removed", "visible", "visible", "visible"] as const;
    const viaCreate: string[] = [];
    for (const [i, parent] of shape.entries()) {
      const comment = await createComment({ threadId, author: mod, body: `c${i}`, parentId: parent === null ? undefined : viaCreate[parent] });
      viaCreate.push(comment.id);
    }
    for (const [i, id] of viaCreate.entries()) await db.comment.update({ where: { id }, data: { status: statuses[i] } });
    const base = Date.now();
    const rows = shape.map((parent, i) => ({
      id: `bulk${String(i).padStart(3, "0")}`,
      threadId: otherThreadId,
      authorId: mod.id,
      body: `c${i}`,
      status: statuses[i],
      parentId: parent === null ? null : `bulk${String(parent).padStart(3, "0")}`,
      createdAt: new Date(base + i),
    }));
    await db.comment.createMany({ data: rows });
    expect(await backfillCommentPaths(db, otherThreadId)).toEqual({ comments: shape.length });

    // The statuses changed behind createComment's back: recount the first tree too.
    await backfillCommentPaths(db, threadId);
    const tree = (id: string) =>
      db.comment.findMany({ where: { threadId: id }, orderBy: { path: "asc" }, select: { body: true, path: true, depth: true, replyCount: true } });
    expect(await tree(otherThreadId)).toEqual(await tree(threadId));
    expect((await tree(otherThreadId)).map((c) => c.body)).toEqual(["c0", "c1", "c2", "c6", "c7", "c3", "c8", "c4", "c5"]);
    expect((await stored("bulk000")).replyCount).toBe(5); // c1, c3, c6, c7, c8: not the pending c2

    const next = await createComment({ threadId: otherThreadId, parentId: "bulk004", author: mod, body: "after the backfill" });
    expect(next.path).toBe(`${commentKey(5)}${commentKey(10)}`);
    expect((await stored("bulk004")).replyCount).toBe(2);
  });

  it("leaves other threads alone when given one, and does every thread without", async () => {
    await db.comment.createMany({
      data: [
        { id: "t1root", threadId, authorId: alice.id, body: "a" },
        { id: "t2root", threadId: otherThreadId, authorId: alice.id, body: "b" },
      ],
    });
    await backfillCommentPaths(db, threadId);
    expect((await stored("t1root")).path).toBe("00001");
    expect((await stored("t2root")).path).toBe("");
    await backfillCommentPaths(db);
    expect((await stored("t2root")).path).toBe("00001");
  });

  it("agrees with the SQL the migration ran on the rows that existed then", async () => {
    const statuses = ["visible", "pending", "visible", "removed", "visible", "visible"] as const;
    const parents = [null, 0, 0, 2, null, 3];
    await db.comment.createMany({
      data: parents.map((parent, i) => ({
        id: `mig${i}`,
        threadId,
        authorId: alice.id,
        body: `m${i}`,
        status: statuses[i],
        parentId: parent === null ? null : `mig${parent}`,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      })),
    });
    const read = () => db.comment.findMany({ where: { threadId }, orderBy: { id: "asc" }, select: { id: true, path: true, depth: true, replyCount: true } });

    const dir = testDatabaseKind() === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations";
    const migration = readFileSync(path.join(dir, "20261126015817_comment_paths", "migration.sql"), "utf8");
    const backfill = migration.slice(migration.indexOf("-- Backfill"));
    for (const statement of backfill
      .split(/;\s*\n/)
      .map((sql) => sql.replace(/^--.*$/gm, "").trim())
      .filter(Boolean)) {
      await db.$executeRawUnsafe(statement);
    }
    const bySql = await read();
    expect(bySql.find((c) => c.id === "mig5")).toMatchObject({ path: "00001000030000400006", depth: 3 });

    await db.comment.updateMany({ where: { threadId }, data: { path: "", depth: 0, replyCount: 0 } });
    await backfillCommentPaths(db, threadId);
    expect(await read()).toEqual(bySql);
  });
});
