import { beforeAll, describe, expect, it } from "vitest";
import { db, executedQueryCount } from "@/lib/db";
import type { Stance } from "@/lib/generated/prisma/enums";
import { createTestComment, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { getPointNeighbours } from "./article-map";
import { COMMENTS_PER_PAGE, getThreadPage } from "./thread-page";
import { createComment, CommentError, editComment } from "./comment-writes";
import { moderateComment } from "./moderation";
import { getStanceTallies, getStanceTally } from "./stances";
import { toggleVote } from "./votes";

type User = Awaited<ReturnType<typeof createTestUser>>;
let alice: User;
let bob: User;
let mod: User;

beforeAll(async () => {
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  mod = await createTestUser("Mod", { role: "moderator" });
});

async function stanced(
  threadId: string,
  stance: Stance | null,
  extra: { status?: "visible" | "pending" | "hidden" | "removed"; deletedAt?: Date; parentId?: string } = {},
) {
  const comment = await createTestComment({ threadId, authorId: alice.id, body: `${stance ?? "none"} comment`, ...extra });
  if (stance) await db.comment.update({ where: { id: comment.id }, data: { stance } });
  return comment;
}

describe("getStanceTallies", () => {
  it("counts only visible, undeleted top-level comments: hidden, removed, pending and deleted ones never count", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const root = await stanced(threadId, "agrees");
    await stanced(threadId, "agrees");
    await stanced(threadId, "disagrees");
    await stanced(threadId, "context");
    await stanced(threadId, null);
    await stanced(threadId, "agrees", { status: "hidden" });
    await stanced(threadId, "disagrees", { status: "removed" });
    await stanced(threadId, "context", { status: "pending" });
    await stanced(threadId, "agrees", { deletedAt: new Date() });
    // A reply written straight to the database with a stance (the app never does it) still does not count.
    const reply = await createTestComment({ threadId, authorId: bob.id, parentId: root.id });
    await db.comment.update({ where: { id: reply.id }, data: { stance: "disagrees" } });

    expect(await getStanceTally(threadId)).toEqual({ agrees: 2, disagrees: 1, context: 1 });
  });

  it("moves when a moderator hides a comment and back when it is restored", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const comment = await stanced(threadId, "disagrees");
    expect((await getStanceTally(threadId)).disagrees).toBe(1);
    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "hide", reason: "Rude" });
    expect((await getStanceTally(threadId)).disagrees).toBe(0);
    await moderateComment({ moderatorId: mod.id, commentId: comment.id, kind: "restore" });
    expect((await getStanceTally(threadId)).disagrees).toBe(1);
  });

  it("tallies every thread of an article in one query, zeros for a point nobody took a stance on", async () => {
    const threadIds = await createTestThreads(5);
    await stanced(threadIds[0]!, "agrees");
    await stanced(threadIds[3]!, "context");
    const before = executedQueryCount();
    const tallies = await getStanceTallies(threadIds);
    expect(executedQueryCount() - before).toBe(1);
    expect(tallies.get(threadIds[0]!)).toEqual({ agrees: 1, disagrees: 0, context: 0 });
    expect(tallies.get(threadIds[1]!)).toEqual({ agrees: 0, disagrees: 0, context: 0 });
    expect(tallies.get(threadIds[3]!)).toEqual({ agrees: 0, disagrees: 0, context: 1 });
    expect(await getStanceTallies([])).toEqual(new Map());
  });
});

describe("stances on create and edit", () => {
  it("stores a top-level comment's stance; editing changes it, null removes it, undefined leaves it", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const author = await currentUserFor(bob.id);
    const { id } = await createComment({ threadId, author, body: "I agree", stance: "agrees" });
    const stanceOf = async () => (await db.comment.findUniqueOrThrow({ where: { id }, select: { stance: true } })).stance;
    expect(await stanceOf()).toBe("agrees");
    await editComment({ commentId: id, author, body: "On reflection, no", stance: "disagrees" });
    expect(await stanceOf()).toBe("disagrees");
    expect(await getStanceTally(threadId)).toEqual({ agrees: 0, disagrees: 1, context: 0 });
    await editComment({ commentId: id, author, body: "Body only" });
    expect(await stanceOf()).toBe("disagrees");
    await editComment({ commentId: id, author, body: "No stance now", stance: null });
    expect(await stanceOf()).toBeNull();
  });

  it("refuses a stance on a reply, when posting and when editing, and stores nothing", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const author = await currentUserFor(bob.id);
    const root = await createComment({ threadId, author, body: "Root" });
    const count = () => db.comment.count({ where: { threadId } });
    await expect(createComment({ threadId, parentId: root.id, author, body: "Reply", stance: "agrees" })).rejects.toThrow(CommentError);
    expect(await count()).toBe(1);
    const reply = await createComment({ threadId, parentId: root.id, author, body: "Reply" });
    await expect(editComment({ commentId: reply.id, author, body: "Edited", stance: "context" })).rejects.toThrow(/Only top-level comments/);
    expect(await db.comment.findUniqueOrThrow({ where: { id: reply.id }, select: { stance: true, body: true } })).toEqual({ stance: null, body: "Reply" });
  });

  it("refuses changing the stance of someone else's comment or in a locked thread", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const { id } = await createComment({ threadId, author: await currentUserFor(bob.id), body: "Bob's", stance: "agrees" });
    await expect(editComment({ commentId: id, author: await currentUserFor(alice.id), body: "Hijack", stance: "disagrees" })).rejects.toThrow(
      "You can only change your own comments.",
    );
    await db.thread.update({ where: { id: threadId }, data: { locked: true } });
    await expect(editComment({ commentId: id, author: await currentUserFor(bob.id), body: "Late", stance: "context" })).rejects.toThrow(/locked/);
    expect((await db.comment.findUniqueOrThrow({ where: { id }, select: { stance: true } })).stance).toBe("agrees");
  });
});

describe("getThreadPage with a stance filter", () => {
  let threadId: string;
  /** Top-level comments in posting order with their stance and upvotes. */
  const roots: { id: string; stance: Stance | null; votes: number }[] = [];
  let replyId: string;

  beforeAll(async () => {
    [threadId] = (await createTestThreads(1)) as [string];
    const author = await currentUserFor(alice.id);
    const stances: (Stance | null)[] = ["agrees", "disagrees", "context", null];
    // More agreeing comments than fit on one page, so the filter must page with the cursor.
    for (let i = 0; i < COMMENTS_PER_PAGE * 2 + 4; i++) {
      const stance = i % 2 === 0 ? "agrees" : stances[(i >> 1) % 4]!;
      const comment = await createComment({ threadId, author, body: `Root ${i}`, stance });
      roots.push({ id: comment.id, stance, votes: i % 3 });
    }
    const voters = await Promise.all([0, 1].map(async (i) => currentUserFor((await createTestUser(`Voter ${i}`)).id)));
    for (const root of roots) for (const voter of voters.slice(0, root.votes)) await toggleVote({ commentId: root.id, voter });
    replyId = (await createComment({ threadId, author: await currentUserFor(bob.id), parentId: roots[0]!.id, body: "A reply without stance" })).id;
  }, 180_000);

  async function walk(sort: "oldest" | "newest" | "top", stance?: Stance) {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await getThreadPage(threadId, null, { sort, after, stance });
      seen.push(...page!.rootOrder);
      after = page!.nextCursor;
      pages++;
    } while (after && pages < 10);
    return { seen, pages };
  }

  it.each(["oldest", "newest", "top"] as const)("sorted %s, walks every comment of the stance once, in order, across pages", async (sort) => {
    const agreeing = roots.filter((root) => root.stance === "agrees");
    expect(agreeing.length).toBeGreaterThan(COMMENTS_PER_PAGE);
    const index = new Map(roots.map((root, i) => [root.id, i]));
    const expected = [...agreeing]
      .sort((a, b) => {
        if (sort === "newest") return index.get(b.id)! - index.get(a.id)!;
        if (sort === "top") return b.votes - a.votes || index.get(a.id)! - index.get(b.id)!;
        return index.get(a.id)! - index.get(b.id)!;
      })
      .map((root) => root.id);
    const { seen, pages } = await walk(sort, "agrees");
    expect(pages).toBe(2);
    expect(seen).toEqual(expected);
  });

  it("shows only the chosen stance's top-level comments, with their replies", async () => {
    const page = await getThreadPage(threadId, null, { stance: "agrees" });
    const stances = new Set(page!.comments.filter((comment) => comment.depth === 0).map((comment) => comment.stance));
    expect(stances).toEqual(new Set(["agrees"]));
    expect(page!.comments.map((comment) => comment.id)).toContain(replyId);
    const disagreeing = await getThreadPage(threadId, null, { stance: "disagrees" });
    expect(disagreeing!.rootOrder).toEqual(roots.filter((root) => root.stance === "disagrees").map((root) => root.id));
    expect(disagreeing!.comments.map((comment) => comment.id)).not.toContain(replyId);
  });

  it("costs the same queries filtered as unfiltered, and a permalink ignores the filter", async () => {
    const before = executedQueryCount();
    await getThreadPage(threadId, null, { sort: "top" });
    const plain = executedQueryCount() - before;
    const mid = executedQueryCount();
    await getThreadPage(threadId, null, { sort: "top", stance: "context" });
    expect(executedQueryCount() - mid).toBe(plain);
    const disagreeing = roots.find((root) => root.stance === "disagrees")!;
    const page = await getThreadPage(threadId, null, { at: disagreeing.id, stance: "agrees" });
    expect(page!.focusId).toBe(disagreeing.id);
  });
});

describe("getPointNeighbours", () => {
  it("finds the points before and after by position, none at the ends", async () => {
    const threadIds = await createTestThreads(3);
    const { slug } = await db.thread
      .findUniqueOrThrow({ where: { id: threadIds[0]! }, select: { article: { select: { slug: true } } } })
      .then((t) => t.article);
    const first = await getPointNeighbours(slug, 1);
    expect(first.previous).toBeNull();
    expect(first.next).toMatchObject({ id: threadIds[1], position: 2, title: "Point 2" });
    const middle = await getPointNeighbours(slug, 2);
    expect(middle.previous?.id).toBe(threadIds[0]);
    expect(middle.next?.id).toBe(threadIds[2]);
    const last = await getPointNeighbours(slug, 3);
    expect(last.previous?.id).toBe(threadIds[1]);
    expect(last.next).toBeNull();
  });
});
