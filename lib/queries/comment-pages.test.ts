import { beforeAll, describe, expect, it } from "vitest";
import { buildCommentPageTree, buildCommentTree, type CommentNode, MAX_VISIBLE_DEPTH } from "@/lib/reply-tree";
import { db, executedQueryCount } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CommentStatus } from "@/lib/generated/prisma/enums";
import { createTestThreads, createTestUser } from "@/lib/testing/factories";
import { backfillCommentPaths } from "./comment-placement";
import { COMMENTS_PER_PAGE, getCommentPage, getThreadPage, getThreadWithComments, REPLIES_PER_COMMENT } from "./thread-page";
import { createComment, editComment } from "./comment-writes";
import { type ThreadComment } from "./comment-windows";

type User = Awaited<ReturnType<typeof createTestUser>>;
let alice: User;
let bob: User;
let carol: User;
let mod: User;
let threadCounter = 0;
let threads: string[] = [];

beforeAll(async () => {
  threads = await createTestThreads(20);
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  carol = await createTestUser("Carol");
  mod = await createTestUser("Mod", { role: "moderator" });
});

/** A thread of its own for each test. */
const freshThread = () => threads[threadCounter++]!;

/**
 * Writes a thread's comments as raw rows (what a bulk import or the benchmark does) and places them with
 * backfillCommentPaths. `parents[i]` is the index of comment i's parent (an earlier one), or null.
 */
async function insertTree(threadId: string, parents: (number | null)[], statuses: CommentStatus[] = []): Promise<string[]> {
  const ids = parents.map((_, i) => `${threadId.slice(-6)}x${i}`);
  const base = Date.UTC(2026, 0, 1);
  const rows = parents.map((parent, i) => ({
    id: ids[i]!,
    authorId: i % 2 ? alice.id : bob.id,
    parentId: parent === null ? null : ids[parent]!,
    createdAt: new Date(base + i * 1000),
  }));
  // Multi-row INSERTs: Prisma's createMany spends about a millisecond a row.
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows
      .slice(i, i + 1000)
      .map((row, j) => Prisma.sql`(${row.id}, ${threadId}, ${row.authorId}, ${row.parentId}, ${`comment ${i + j}`}, ${row.createdAt})`);
    await db.$executeRaw`INSERT INTO "Comment" ("id", "threadId", "authorId", "parentId", "body", "createdAt") VALUES ${Prisma.join(values)}`;
  }
  for (const status of new Set(statuses)) {
    await db.comment.updateMany({ where: { id: { in: ids.filter((_, i) => statuses[i] === status) } }, data: { status } });
  }
  const t0 = performance.now();
  await backfillCommentPaths(db, threadId);
  if (rows.length > 1000) console.info(`backfill ${(performance.now() - t0).toFixed(0)} ms`);
  return ids;
}

/** A 32-bit seeded generator (mulberry32): the same tree on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A realistic thread: mostly shallow replies to recent comments, one in 12 top-level, and some 30-deep chains. */
function threadShape(size: number, seed: number): (number | null)[] {
  const next = random(seed);
  const parents: (number | null)[] = [];
  let chainTip = -1;
  let chainLeft = 0;
  for (let i = 0; i < size; i++) {
    if (chainLeft > 0) {
      parents.push(chainTip);
      chainTip = i;
      chainLeft--;
    } else if (i === 0 || next() < 1 / 12) {
      parents.push(null);
    } else {
      parents.push(Math.max(0, i - 1 - Math.floor(next() * Math.min(i, 300))));
      if (next() < 0.004) [chainTip, chainLeft] = [i, 29];
    }
  }
  return parents;
}

const ids = (comments: { id: string }[]) => comments.map((c) => c.id);

function walk<T extends { replies: T[] }>(nodes: T[], visit: (node: T) => void) {
  const stack = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    stack.push(...[...node.replies].reverse());
  }
}

async function queries<T>(read: () => Promise<T>): Promise<number> {
  const before = executedQueryCount();
  await read();
  return executedQueryCount() - before;
}

describe("getThreadPage", () => {
  it("pages through top-level comments oldest first with an after cursor", async () => {
    const threadId = freshThread();
    const all = await insertTree(
      threadId,
      Array.from({ length: 45 }, () => null),
    );

    let page = (await getThreadPage(threadId, null))!;
    expect(ids(page.comments)).toEqual(all.slice(0, COMMENTS_PER_PAGE));
    expect(page.isFirstPage).toBe(true);
    for (let start = COMMENTS_PER_PAGE; start < all.length; start += COMMENTS_PER_PAGE) {
      page = (await getThreadPage(threadId, null, { after: page.nextCursor }))!;
      expect(ids(page.comments)).toEqual(all.slice(start, start + COMMENTS_PER_PAGE));
      expect(page.isFirstPage).toBe(false);
    }
    expect(page.nextCursor).toBeUndefined();
  });

  it("ignores a cursor that is not one", async () => {
    const threadId = freshThread();
    const all = await insertTree(threadId, [null, null]);
    for (const after of ["", "zz' OR 1=1 --", "0000A", "000010000"]) {
      expect(ids((await getThreadPage(threadId, null, { after }))!.comments)).toEqual(all);
    }
  });

  it(`shows the first ${REPLIES_PER_COMMENT} replies of each top-level comment, depth first, and where the rest continue`, async () => {
    const threadId = freshThread();
    // 0: 15 direct replies (2..16), the 2nd of which (3) has a reply of its own (17); 1: 3 replies (18..20).
    const parents = [null, null, ...Array.from({ length: 15 }, () => 0), 3, 1, 1, 1];
    const all = await insertTree(threadId, parents);
    const page = (await getThreadPage(threadId, null))!;
    const [first, second] = buildCommentTree(page.comments, { partial: page.partial });

    // Depth first: 2, 3, then 3's reply 17, then 4.. until REPLIES_PER_COMMENT replies are shown.
    const nextDirect = 4 + REPLIES_PER_COMMENT - 3;
    const shown: string[] = [];
    walk(first!.replies, (node) => shown.push(node.id));
    expect(shown).toEqual([all[2], all[3], all[17], ...all.slice(4, nextDirect)]);
    expect(first!.replyCount).toBe(16);
    expect(first!.moreReplies).toBe(16 - REPLIES_PER_COMMENT);
    expect(ids(second!.replies)).toEqual(all.slice(18, 21));
    expect(second!.moreReplies).toBe(0);

    // The rest of the direct replies, on the top-level comment's page after the last reply shown.
    const rest = (await getCommentPage(threadId, all[0]!, null, { after: first!.moreAfter }))!;
    const restDirect = all.slice(nextDirect, 17);
    expect(ids(rest.comments)).toEqual([all[0], ...restDirect.slice(0, COMMENTS_PER_PAGE)]);
    expect(rest.isFirstPage).toBe(false);
    expect(rest.nextCursor === undefined).toBe(restDirect.length <= COMMENTS_PER_PAGE);
  });

  it("reads a 30-deep chain six levels a page, through 'continue this thread'", async () => {
    const threadId = freshThread();
    const chain = await insertTree(
      threadId,
      Array.from({ length: 30 }, (_, i) => (i === 0 ? null : i - 1)),
    );
    const page = (await getThreadPage(threadId, null))!;
    expect(page.comments.map((c) => c.depth)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(page.maxDepth).toBe(MAX_VISIBLE_DEPTH - 1);
    let deepest = page.comments.at(-1)!;
    expect(deepest.replyCount).toBe(24);

    const hops: number[][] = [];
    while (deepest.replyCount > 0) {
      const next = (await getCommentPage(threadId, deepest.id, null))!;
      hops.push(next.comments.map((c) => c.depth));
      expect(next.comments.at(-1)!.depth).toBeLessThanOrEqual(next.maxDepth);
      deepest = next.comments.at(-1)!;
    }
    expect(hops).toEqual([5, 10, 15, 20, 25].map((d) => Array.from({ length: Math.min(6, 30 - d) }, (_, i) => d + i)));
    expect(deepest.id).toBe(chain[29]);
  });

  it("opens the first page, with the comments before it, for a comment whose top-level comment is on it", async () => {
    const threadId = freshThread();
    // 12 top-level comments; the 3rd (index 2) has 8 replies, the last of which (index 19) is past the first ones.
    const all = await insertTree(threadId, [...Array.from({ length: 12 }, () => null), ...Array.from({ length: 8 }, () => 2)]);
    for (const at of [all[2]!, all[COMMENTS_PER_PAGE - 1]!, all[19]!]) {
      const page = (await getThreadPage(threadId, null, { at }))!;
      expect(page.isFirstPage, at).toBe(true);
      expect(page.rootOrder).toEqual(all.slice(0, COMMENTS_PER_PAGE));
      expect(ids(page.comments), at).toContain(at);
      expect(page.focusId).toBe(at);
      expect(page.nextCursor).toBeDefined();
    }
    // Past the first page: the page starts at its top-level comment.
    const later = (await getThreadPage(threadId, null, { at: all[COMMENTS_PER_PAGE]! }))!;
    expect(later.isFirstPage).toBe(false);
    expect(later.rootOrder[0]).toBe(all[COMMENTS_PER_PAGE]);
  });

  it("starts at a comment's top-level comment with `at` past the first page, showing it even beyond the first replies", async () => {
    const threadId = freshThread();
    // 25 top-level comments; the 22nd (index 21) has 14 replies, the 13th of which (index 37) has a chain 8 deep.
    const parents = [...Array.from({ length: 25 }, () => null), ...Array.from({ length: 14 }, () => 21)];
    for (let i = 0; i < 8; i++) parents.push(i === 0 ? 37 : parents.length - 1);
    const all = await insertTree(threadId, parents);

    const top = (await getThreadPage(threadId, null, { at: all[21] }))!;
    expect(top.comments[0]!.id).toBe(all[21]);
    expect(top.focusId).toBe(all[21]);
    expect(top.isFirstPage).toBe(false);
    expect((await getThreadPage(threadId, null, { at: all[0] }))!.isFirstPage).toBe(true);

    // The 13th reply is past the first 10: the page shows the chain to it and its own replies instead.
    const late = (await getThreadPage(threadId, null, { at: all[37] }))!;
    expect(late.focusId).toBe(all[37]);
    const [root] = buildCommentTree(late.comments, { partial: late.partial });
    expect(root!.id).toBe(all[21]);
    expect(ids(root!.replies)).toEqual([all[37]]);
    expect(root!.moreReplies).toBe(13); // its other replies; the chain hangs under the one shown
    expect(root!.moreAfter).toBeUndefined();
    expect(root!.replies[0]!.replies.map((n) => n.depth)).toEqual([2]);

    // Deeper than the page goes: the chain down to the comment whose "continue this thread" leads there.
    const deep = (await getThreadPage(threadId, null, { at: all.at(-1) }))!;
    const focused = deep.comments.find((c) => c.id === deep.focusId)!;
    expect(focused.depth).toBe(MAX_VISIBLE_DEPTH - 1);
    expect(focused.replyCount).toBeGreaterThan(0);

    // A comment of another thread, or none: the first page.
    expect((await getThreadPage(threadId, null, { at: "missing" }))!.isFirstPage).toBe(true);
  });

  it("hides comments awaiting review from other members, keeping one with replies as a placeholder", async () => {
    const threadId = freshThread();
    await db.wordFilter.upsert({ where: { phrase: "holdme" }, create: { phrase: "holdme", action: "queue", createdById: mod.id }, update: {} });
    const held = await createComment({ threadId, author: { ...alice, role: "member" }, body: "holdme" });
    const parent = await createComment({ threadId, author: mod, body: "parent" });
    const reply = await createComment({ threadId, author: mod, parentId: parent.id, body: "reply" });
    // The parent's author is a member whose edit sends it back to review, after it was replied to.
    await db.comment.update({ where: { id: parent.id }, data: { authorId: alice.id } });
    await editComment({ commentId: parent.id, author: { ...alice, role: "member" }, body: "now holdme" });

    const forBob = (await getThreadPage(threadId, bob))!;
    expect(ids(forBob.comments)).toEqual([parent.id, reply.id]);
    expect(forBob.comments[0]!.status).toBe("pending");
    const forAlice = (await getThreadPage(threadId, alice))!;
    expect(ids(forAlice.comments)).toEqual([held.id, parent.id, reply.id]);
    expect(ids((await getThreadPage(threadId, mod))!.comments)).toEqual([held.id, parent.id, reply.id]);
    expect(await getCommentPage(threadId, held.id, bob)).toBeNull();
    expect((await getCommentPage(threadId, held.id, alice))?.anchor.id).toBe(held.id);
  });
});

describe("getCommentPage", () => {
  it("pages through a comment's direct replies and names its ancestors", async () => {
    const threadId = freshThread();
    // 0 > 1 > 2, and 2 has 25 replies.
    const all = await insertTree(threadId, [null, 0, 1, ...Array.from({ length: 25 }, () => 2)]);
    const first = (await getCommentPage(threadId, all[2]!, null))!;
    expect(first.anchor.id).toBe(all[2]);
    expect(first.ancestorIds).toEqual([all[0], all[1]]);
    expect(ids(first.comments)).toEqual(all.slice(2, 2 + 1 + COMMENTS_PER_PAGE));
    expect(buildCommentPageTree(first)!.moreReplies).toBe(25 - COMMENTS_PER_PAGE);
    let page = first;
    const seen = ids(first.comments).slice(1);
    while (page.nextCursor) {
      page = (await getCommentPage(threadId, all[2]!, null, { after: page.nextCursor }))!;
      expect(page.comments[0]!.id).toBe(all[2]);
      seen.push(...ids(page.comments).slice(1));
    }
    expect(seen).toEqual(all.slice(3));
    expect(buildCommentPageTree(page)!.moreReplies).toBe(0);
  });

  it("finds nothing for a comment of another thread", async () => {
    const [threadId, other] = [freshThread(), freshThread()];
    const [root] = await insertTree(threadId, [null]);
    expect(await getCommentPage(other, root!, null)).toBeNull();
    expect(await getCommentPage(threadId, "missing", null)).toBeNull();
  });
});

describe("a thread's pages, followed link by link", () => {
  /** Every comment a viewer reaches from the thread page by "more comments", "N more replies" and "continue". */
  async function reachable(threadId: string, viewer: User | null) {
    const seen = new Set<string>();
    const visited = new Set<string>();
    const queue: { comment?: string; after?: string }[] = [{}];
    let pages = 0;
    while (queue.length) {
      const link = queue.shift()!;
      const key = `${link.comment ?? ""}?${link.after ?? ""}`;
      if (visited.has(key)) continue;
      visited.add(key);
      pages++;
      let tree: CommentNode<ThreadComment>[];
      let maxDepth: number;
      if (link.comment === undefined) {
        const page = (await getThreadPage(threadId, viewer, { after: link.after }))!;
        if (page.nextCursor) queue.push({ after: page.nextCursor });
        tree = buildCommentTree(page.comments, { partial: page.partial });
        maxDepth = page.maxDepth;
      } else {
        const page = (await getCommentPage(threadId, link.comment, viewer, { after: link.after }))!;
        tree = [buildCommentPageTree(page)!];
        maxDepth = page.maxDepth;
      }
      walk(tree, (node) => {
        seen.add(node.id);
        for (const reply of node.replies) expect(reply.parentId).toBe(node.id);
        expect(node.depth).toBeLessThanOrEqual(maxDepth);
        if (node.depth === maxDepth) {
          if (node.replyCount > 0) queue.push({ comment: node.id });
        } else if (node.moreReplies !== 0) {
          queue.push({ comment: node.id, after: node.moreAfter });
        }
      });
    }
    return { seen, pages };
  }

  it("reach every comment a member may see, each under its parent", async () => {
    const threadId = freshThread();
    const parents = threadShape(700, 7);
    const pick = random(11);
    const statuses = parents.map((): CommentStatus => {
      const r = pick();
      return r < 0.05 ? "pending" : r < 0.08 ? "hidden" : r < 0.1 ? "removed" : "visible";
    });
    await insertTree(threadId, parents, statuses);
    // Carol wrote none of them: she sees every comment but those awaiting review without replies.
    const expected = ids((await getThreadWithComments(threadId, carol))!.comments);
    const { seen, pages } = await reachable(threadId, carol);
    expect([...seen].sort()).toEqual([...expected].sort());
    expect(pages).toBeGreaterThan(10);
  });
});

describe("a 10,000-comment thread", () => {
  let threadId: string;
  let all: string[];
  let parents: (number | null)[];
  let smallThread: string;
  let smallReply: string;

  beforeAll(async () => {
    threadId = freshThread();
    smallThread = freshThread();
    parents = threadShape(10_000, 42);
    const started = performance.now();
    all = await insertTree(threadId, parents);
    const seconds = (performance.now() - started) / 1000;
    console.info(`10,000 comments inserted and placed in ${seconds.toFixed(1)} s`);
    smallReply = (await insertTree(smallThread, [null, 0, null]))[1]!;
  }, 120_000);

  it("has the reply counts its tree says", async () => {
    const truth = new Array<number>(parents.length).fill(0);
    for (let i = parents.length - 1; i >= 0; i--) {
      const parent = parents[i];
      if (parent !== null && parent !== undefined) truth[parent]! += truth[i]! + 1;
    }
    const rows = await db.comment.findMany({ where: { threadId }, select: { id: true, replyCount: true } });
    const stored = new Map(rows.map((row) => [row.id, row.replyCount]));
    expect(all.map((id) => stored.get(id))).toEqual(truth);
    expect(
      Math.max(...rows.map(() => 0), ...(await db.comment.findMany({ where: { threadId }, select: { depth: true } })).map((r) => r.depth)),
    ).toBeGreaterThanOrEqual(30);
  });

  it("shows a bounded first page", async () => {
    const page = (await getThreadPage(threadId, null))!;
    expect(page.comments.filter((c) => c.depth === 0)).toHaveLength(COMMENTS_PER_PAGE);
    expect(page.comments.length).toBeLessThanOrEqual(COMMENTS_PER_PAGE * (1 + REPLIES_PER_COMMENT));
    expect(page.nextCursor).toBeDefined();
  });

  it("reads any page in the same number of queries as a 3-comment thread's: 4 for a thread page, 6 with `at`, 5 for a comment's page", async () => {
    const late = all[9_000]!;
    const [small, big] = [await queries(() => getThreadPage(smallThread, bob)), await queries(() => getThreadPage(threadId, bob))];
    expect([small, big]).toEqual([4, 4]);
    expect(await queries(() => getThreadPage(threadId, bob, { at: late }))).toBe(6);
    expect(await queries(() => getThreadPage(smallThread, bob, { at: smallReply }))).toBe(6);
    expect(await queries(() => getCommentPage(threadId, late, bob))).toBe(5);
    expect(await queries(() => getCommentPage(threadId, all[0]!, bob))).toBe(5);
  });

  it("opens the 9,000th comment on its permalink page and on the thread page `at` gives", async () => {
    const late = all[9_000]!;
    const permalink = (await getCommentPage(threadId, late, null))!;
    expect(permalink.anchor.id).toBe(late);
    const page = (await getThreadPage(threadId, null, { at: late }))!;
    const stored = await db.comment.findUniqueOrThrow({ where: { id: late }, select: { depth: true, path: true } });
    const focused = page.comments.find((c) => c.id === page.focusId)!;
    expect(stored.path.startsWith(focused.path)).toBe(true);
    expect(focused.depth).toBe(Math.min(stored.depth, MAX_VISIBLE_DEPTH - 1));
  });
});
