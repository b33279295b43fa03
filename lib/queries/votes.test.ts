import { beforeAll, describe, expect, it } from "vitest";
import { db, executedQueryCount } from "@/lib/db";
import { createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { COMMENTS_PER_PAGE, getThreadPage } from "./thread-page";
import { createComment } from "./comment-writes";
import { toggleVote, VoteError } from "./votes";

type User = Awaited<ReturnType<typeof createTestUser>>;
let author: User;
let voters: User[];
let threadId: string;
/** The thread's top-level comments, oldest first, and the upvotes each gets. */
let roots: { id: string; votes: number }[];

const ROOTS = COMMENTS_PER_PAGE + 7;

beforeAll(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  author = await createTestUser("Author");
  voters = await Promise.all([0, 1, 2, 3].map((i) => createTestUser(`Voter ${i}`)));
  roots = [];
  for (let i = 0; i < ROOTS; i++) {
    const comment = await createComment({ threadId, author, body: `Root ${i}` });
    // Scores 0..4 in a pattern with plenty of ties, so "top" must break them consistently.
    roots.push({ id: comment.id, votes: (i * 7) % 5 });
  }
  await createComment({ threadId, author, body: "A reply", parentId: roots[2]!.id });
  const sessions = await Promise.all(voters.map((voter) => currentUserFor(voter.id)));
  for (const root of roots) {
    for (const voter of sessions.slice(0, root.votes)) await toggleVote({ commentId: root.id, voter });
  }
}, 120_000);

/** Every top-level comment, page after page, in one sort order. */
async function walk(sort: "oldest" | "newest" | "top") {
  const seen: string[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await getThreadPage(threadId, null, { sort, after });
    seen.push(...page!.rootOrder);
    after = page!.nextCursor;
    pages++;
  } while (after && pages < 10);
  return { seen, pages };
}

describe("upvotes", () => {
  it("keep Comment.score equal to the number of votes, and tell a member which they gave", async () => {
    for (const root of roots) {
      const row = await db.comment.findUniqueOrThrow({ where: { id: root.id }, select: { score: true, _count: { select: { votes: true } } } });
      expect(row.score).toBe(root.votes);
      expect(row._count.votes).toBe(root.votes);
    }
    // Which a member gave, as the thread's pages read them (with the comments, in the same statement).
    const voter = { id: voters[0]!.id, role: voters[0]!.role };
    const voted = new Set<string>();
    for (let after: string | undefined, pages = 0; pages === 0 || (after && pages < 10); pages++) {
      const page = (await getThreadPage(threadId, voter, { after }))!;
      for (const id of page.votedIds) voted.add(id);
      after = page.nextCursor;
    }
    expect([...voted].sort()).toEqual(
      roots
        .filter((root) => root.votes >= 1)
        .map((root) => root.id)
        .sort(),
    );
    expect((await getThreadPage(threadId, null))!.votedIds).toEqual(new Set());
  });

  it("refuse an author voting for their own comment, and an unknown comment", async () => {
    const self = await currentUserFor(author.id);
    await expect(toggleVote({ commentId: roots[0]!.id, voter: self })).rejects.toThrow(VoteError);
    await expect(toggleVote({ commentId: roots[0]!.id, voter: self })).rejects.toThrow("You cannot upvote your own comment.");
    await expect(toggleVote({ commentId: "nosuchcomment", voter: self })).rejects.toThrow("That comment does not exist.");
  });
});

describe("sorting a thread's top-level comments", () => {
  it("oldest first (the default), page by page, every comment once", async () => {
    const { seen, pages } = await walk("oldest");
    expect(seen).toEqual(roots.map((root) => root.id));
    expect(pages).toBe(2);
  });

  it("newest first, page by page, every comment once", async () => {
    const { seen } = await walk("newest");
    expect(seen).toEqual(roots.map((root) => root.id).reverse());
  });

  it("top: most upvoted first, ties oldest first, stable across the page boundary", async () => {
    const { seen } = await walk("top");
    const expected = roots
      .map((root, index) => ({ ...root, index }))
      .sort((a, b) => b.votes - a.votes || a.index - b.index)
      .map((root) => root.id);
    expect(seen).toEqual(expected);
  });

  it("keeps a sorted page's replies under their comment and costs the same queries as the default", async () => {
    const before = executedQueryCount();
    const oldest = await getThreadPage(threadId, null);
    const oldestQueries = executedQueryCount() - before;
    const mid = executedQueryCount();
    const top = await getThreadPage(threadId, null, { sort: "top" });
    expect(executedQueryCount() - mid).toBe(oldestQueries);
    const reply = top!.comments.find((comment) => comment.body === "A reply");
    const replyInOldest = oldest!.comments.find((comment) => comment.body === "A reply");
    // roots[2] has the most votes (4): on the first top page it is shown, and its reply with it.
    expect(top!.rootOrder).toContain(roots[2]!.id);
    expect(reply?.parentId).toBe(roots[2]!.id);
    expect(replyInOldest?.parentId).toBe(roots[2]!.id);
  });

  it("ignores a malformed cursor instead of failing", async () => {
    for (const after of ["", "x", "12.", ".0000a", "99999999999.00001", "1.2.3"]) {
      const page = await getThreadPage(threadId, null, { sort: "top", after });
      expect(page!.rootOrder.length).toBe(COMMENTS_PER_PAGE);
    }
  });
});
