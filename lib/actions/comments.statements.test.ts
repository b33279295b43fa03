// What posting costs the database: the SQL statements one comment takes through the form's action, counted as
// the benchmark counts them (lib/db.ts), before the answer and after it (after()). The session read is mocked
// here (it needs a Next request); after() keeps its tasks until the test runs them.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));
const background = vi.hoisted(() => ({ tasks: [] as (() => Promise<unknown>)[] }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => Promise<unknown>) => {
    background.tasks.push(task);
  },
}));

import { db } from "@/lib/db";
import { callAction } from "@/lib/testing/action-harness";
import { testDatabaseKind } from "@/lib/testing/postgres";
import { createTestComment, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { overrideEnv, resetEnv } from "@/lib/testing/env";
import { MAX_VISIBLE_DEPTH } from "@/lib/reply-tree";
import { createCommentAction } from "@/lib/actions/comments";

let threadId: string;

beforeAll(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  const member = await createTestUser("Poster");
  session.user = await currentUserFor(member.id);
  // A member past pre-moderation, as most posters are.
  for (let i = 0; i < 5; i++) await callAction(createCommentAction, { threadId, body: `warm-up ${i}` });
  await settle();
});

async function settle() {
  for (const task of background.tasks.splice(0)) await task();
}

/** The statements of one post: those before the action answers, and those it leaves for after the response. */
async function statementsOf(fields: Record<string, string>) {
  const sql: string[] = [];
  let recording = true;
  // Prisma has no $off: the listener goes quiet instead.
  db.$on("query", (event) => {
    if (recording) sql.push(event.query.replace(/\s+/g, " ").slice(0, 160));
  });
  const answer = await callAction(createCommentAction, fields);
  const beforeAnswer = sql.length;
  await settle();
  recording = false;
  if (process.env.SHOW_STATEMENTS) console.log(sql.join("\n"));
  return { beforeAnswer, afterAnswer: sql.length - beforeAnswer, redirectedTo: answer.redirectedTo, answer };
}

describe("posting a comment", () => {
  it("answers after the rate limits and one transaction; notifications and the cool-down run after the answer", async () => {
    const top = await statementsOf({ threadId, body: "A top-level comment" });
    expect(top.redirectedTo).toMatch(new RegExp(`^/t/${threadId}\\?at=`));
    const id = top.redirectedTo!.match(/at=([^#&]+)/)![1]!;
    const reply = await statementsOf({ threadId, parentId: id, body: "A reply to it" });
    console.log(
      `statements per post before the answer (+ after it): top-level ${top.beforeAnswer} (+${top.afterAnswer}), reply ${reply.beforeAnswer} (+${reply.afterAnswer})`,
    );
    // Every acknowledged comment is stored: the transaction committed before the redirect.
    expect(await db.comment.count({ where: { threadId, body: { in: ["A top-level comment", "A reply to it"] } } })).toBe(2);
    // Rate limits (2 × 2), the comment's transaction (word filters, the thread's row, the insert, COMMIT; a reply
    // adds its parent and its ancestors' counts), and the article's row (a draft or closed article takes no
    // comments). Was 13 and 15 with the after-work inline. On PostgreSQL one more: the NOTIFY that tells the other
    // instances their thread contexts changed (lib/queries/thread-context.ts).
    const notify = testDatabaseKind() === "postgres" ? 1 : 0;
    expect(top.beforeAnswer).toBeLessThanOrEqual(11 + notify);
    expect(reply.beforeAnswer).toBeLessThanOrEqual(13 + notify);
    // Notifications (2) and the cool-down's counts (2).
    expect(top.afterAnswer).toBeGreaterThan(0);
  });
});

// A thread page with JavaScript asks for the comment itself (answer=inline) and shows it in place: the answer is the
// comment as the page shows it, not a redirect whose answer is the whole page rendered again.
describe("posting from an open thread page with JavaScript", () => {
  it("answers with the comment as its author sees it, the thread's count and its permalink, for one statement more", async () => {
    const plain = await statementsOf({ threadId, body: "Posted by the plain form" });
    const top = await statementsOf({ threadId, body: "Posted **in place**", answer: "inline" });
    expect(top.redirectedTo).toBeUndefined();
    const posted = top.answer.posted!;
    const stored = await db.comment.findFirstOrThrow({ where: { threadId, body: "Posted **in place**" }, select: { id: true } });
    expect(posted.view).toMatchObject({ id: stored.id, author: { name: "Poster" }, status: "visible", topLevel: true, focused: true, replyCount: 0 });
    expect(posted.view.html).toContain("<strong>in place</strong>");
    // Its author may reply to it, edit and delete it; not upvote or report their own.
    expect(posted.view.controls).toEqual(["reply", "edit", "delete"]);
    expect(posted.view.vote).toEqual({ score: 0 });
    expect(posted.parentId).toBeNull();
    expect(posted.href).toBe(`/t/${threadId}?at=${stored.id}#c-${stored.id}`);
    const thread = await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { commentCount: true } });
    expect(posted.commentCount).toBe(thread.commentCount);
    // The comment's own read, as the thread page reads it.
    expect(top.beforeAnswer).toBeLessThanOrEqual(plain.beforeAnswer + 1);

    const reply = await statementsOf({ threadId, parentId: stored.id, body: "A reply in place", answer: "inline" });
    expect(reply.answer.posted).toMatchObject({ parentId: stored.id, view: { author: { name: "Poster" } } });
    expect(reply.answer.posted!.view.topLevel).toBeUndefined();
  });

  it("redirects where the page would not show it in place: a stance moves the tally above the comments", async () => {
    // Another member: the first has spent their rate limit.
    session.user = await currentUserFor((await createTestUser("Second poster")).id);
    const withStance = await statementsOf({ threadId, body: "I agree, in place?", stance: "agrees", answer: "inline" });
    expect(withStance.answer.message).toBeUndefined();
    expect(withStance.answer.posted).toBeUndefined();
    expect(withStance.redirectedTo).toMatch(new RegExp(`^/t/${threadId}\\?at=`));
  });

  it("answers a comment held for review with itself as its author sees it, the thread's count unchanged", async () => {
    overrideEnv({ PREMODERATION_FIRST_COMMENTS: "5" });
    session.user = await currentUserFor((await createTestUser("New poster")).id);
    const before = await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { commentCount: true } });
    const held = await statementsOf({ threadId, body: "My first words", answer: "inline" });
    expect(held.answer.posted!.view).toMatchObject({ status: "pending", pending: true, html: "<p>My first words</p>\n" });
    expect(held.answer.posted!.view.notice).toMatch(/^Awaiting review/);
    expect(held.answer.posted!.commentCount).toBe(before.commentCount);
    resetEnv();
  });

  it("redirects a reply past the depth the thread page shows to the comment's own page", async () => {
    session.user = await currentUserFor((await createTestUser("Deep poster")).id);
    let parentId: string | undefined;
    for (let depth = 0; depth < MAX_VISIBLE_DEPTH; depth++) parentId = (await createTestComment({ threadId, authorId: session.user.id, parentId })).id;
    const deep = await statementsOf({ threadId, parentId: parentId!, body: "Too deep for the thread page", answer: "inline" });
    expect(deep.answer.posted).toBeUndefined();
    expect(deep.redirectedTo).toMatch(new RegExp(`^/t/${threadId}/c/[a-z0-9]+#c-`));
  });

  it("refuses any other answer asked for, and stores nothing", async () => {
    const before = await db.comment.count({ where: { threadId } });
    const refused = await callAction(createCommentAction, { threadId, body: "Answer me in JSON", answer: "json" });
    expect(refused.ok).toBe(false);
    expect(await db.comment.count({ where: { threadId } })).toBe(before);
  });
});
