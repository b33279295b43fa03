// A second layer for protections that one test each used to guard (issue 17's mutation read): the rel attribute on
// a comment's links, the comment body's length limit and who may read a body. Each test goes through a real action
// or query on a real database, so it fails when the protection goes missing even if the unit test beside the rule
// were changed with it. Only the request boundary (session, client address, cache) is mocked.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "203.0.113.10" }));

import { createCommentAction, editCommentAction } from "@/lib/actions/comments";
import { buildCommentTree } from "@/lib/reply-tree";
import { commentView, type CommentView } from "@/lib/comment-view";
import { db } from "@/lib/db";
import { getThreadWithComments } from "@/lib/queries/thread-page";
import { callAction } from "@/lib/testing/action-harness";
import { useEnv } from "@/lib/testing/env";
import { createTestComment, createTestModerator, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { COMMENT_MAX_LENGTH } from "@/lib/validations/comment";

// Limits out of the way: these tests are about other refusals.
useEnv({ RATE_LIMIT_COMMENT_USER: "100000/60", RATE_LIMIT_COMMENT_IP: "100000/60", RATE_LIMIT_EDIT_USER: "100000/60" });

let threadId: string;
let member: Awaited<ReturnType<typeof createTestUser>>;

beforeEach(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  member = await createTestUser("Member");
  session.user = await currentUserFor(member.id);
});

afterEach(() => {
  session.user = null;
});

const commentsBy = (authorId: string) => db.comment.findMany({ where: { authorId }, select: { id: true, body: true, bodyHtml: true } });

describe("links in a posted comment are marked as the author's, not the site's", () => {
  it('stores and serves every outside link with rel="nofollow ugc noopener"', async () => {
    const body = "See [the study](https://example.org/study), <https://example.net/a> and https://example.com/b.";
    const answer = await callAction(createCommentAction, { threadId, body });
    expect(answer.redirectedTo, answer.message).toBeDefined();

    const [stored] = await commentsBy(member.id);
    const page = (await getThreadWithComments(threadId, null))!;
    const served = page.comments.find((comment) => comment.id === stored!.id)!;
    for (const html of [stored!.bodyHtml, served.bodyHtml]) {
      const links = html.match(/<a [^>]*>/g) ?? [];
      expect(links).toHaveLength(3);
      for (const link of links) expect(link).toContain('rel="nofollow ugc noopener"');
    }
  });
});

describe("a comment's body has a maximum length, on every way in", () => {
  const tooLong = "a".repeat(COMMENT_MAX_LENGTH + 1);

  it("refuses a new comment one character over the limit, saying so, and stores nothing", async () => {
    const answer = await callAction(createCommentAction, { threadId, body: tooLong });
    expect(answer).toMatchObject({ ok: false });
    expect(answer.fieldErrors?.body?.join(" ")).toMatch(/at most 10,000 characters \(this one has 10,001\)/);
    expect(await commentsBy(member.id)).toEqual([]);
  });

  it("accepts a new comment of exactly the limit", async () => {
    const answer = await callAction(createCommentAction, { threadId, body: "a".repeat(COMMENT_MAX_LENGTH) });
    expect(answer.redirectedTo, answer.message).toBeDefined();
    expect((await commentsBy(member.id)).map((comment) => comment.body.length)).toEqual([COMMENT_MAX_LENGTH]);
  });

  it("refuses an edit one character over the limit and keeps the body as it was", async () => {
    const own = await createTestComment({ threadId, authorId: member.id, body: "Short and sweet" });
    const answer = await callAction(editCommentAction, { commentId: own.id, body: tooLong });
    expect(answer).toMatchObject({ ok: false });
    expect(answer.fieldErrors?.body?.join(" ")).toMatch(/at most 10,000 characters/);
    expect((await commentsBy(member.id)).map((comment) => comment.body)).toEqual(["Short and sweet"]);
  });
});

describe("who reads a comment's body on the thread page", () => {
  function flatten(views: CommentView[]): CommentView[] {
    return views.flatMap((view) => [view, ...flatten(view.replies ?? [])]);
  }

  /** The thread page as this viewer gets it: the page's query, then the page's view of each comment. */
  async function bodiesSeenBy(user: CurrentUser | null): Promise<Map<string, string | undefined>> {
    const page = (await getThreadWithComments(threadId, user))!;
    const context = { thread: { id: threadId, locked: false }, user, maxDepth: 20 };
    const views = flatten(buildCommentTree(page.comments).map((node) => commentView(node, context)));
    return new Map(views.map((view) => [page.comments.find((comment) => comment.id === view.id)!.body, view.html]));
  }

  beforeEach(async () => {
    for (const status of ["visible", "hidden", "removed", "pending"] as const) {
      await createTestComment({ threadId, authorId: member.id, body: `A ${status} claim`, status });
    }
    await createTestComment({ threadId, authorId: member.id, body: "A deleted claim", deletedAt: new Date() });
  });

  const readable = (seen: Map<string, string | undefined>) =>
    [...seen]
      .filter(([, html]) => html !== undefined)
      .map(([body]) => body)
      .sort();

  it("another member and a signed-out reader read only the visible body", async () => {
    const stranger = await currentUserFor((await createTestUser("Stranger")).id);
    for (const viewer of [stranger, null]) {
      const seen = await bodiesSeenBy(viewer);
      expect(readable(seen)).toEqual(["A visible claim"]);
      for (const html of seen.values()) {
        for (const secret of ["hidden", "removed", "pending", "deleted"]) expect(html ?? "").not.toContain(`A ${secret} claim`);
      }
    }
  });

  it("the author reads their held and hidden bodies, never a removed or deleted one", async () => {
    expect(readable(await bodiesSeenBy(await currentUserFor(member.id)))).toEqual(["A hidden claim", "A pending claim", "A visible claim"]);
  });

  it("a moderator reads every body that is not deleted", async () => {
    const moderator = await currentUserFor((await createTestModerator("Mod")).id);
    expect(readable(await bodiesSeenBy(moderator))).toEqual(["A hidden claim", "A pending claim", "A removed claim", "A visible claim"]);
  });
});
