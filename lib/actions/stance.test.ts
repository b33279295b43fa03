// Stances through the real server actions: a top-level comment takes one (or none), a reply never does, and only
// the author changes it while the comment is editable. getCurrentUser() is mocked (it needs a Next request).
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));

import { db } from "@/lib/db";
import { callAction, databaseState, expectClearRefusal, expectDatabaseUnchanged } from "@/lib/testing/action-harness";
import { createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { createCommentAction, editCommentAction } from "@/lib/actions/comments";
import { useEnv } from "@/lib/testing/env";

// Limits out of the way: these tests are about other refusals.
useEnv({ RATE_LIMIT_COMMENT_USER: "100000/60", RATE_LIMIT_EDIT_USER: "100000/60", RATE_LIMIT_COMMENT_IP: "100000/60", PREMODERATION_FIRST_COMMENTS: "0" });

let threadId: string;
let lockedThreadId: string;
let bob: CurrentUser;
let carol: CurrentUser;

beforeAll(async () => {
  [threadId, lockedThreadId] = (await createTestThreads(2)) as [string, string];
  bob = await currentUserFor((await createTestUser("Bob")).id);
  carol = await currentUserFor((await createTestUser("Carol")).id);
});

beforeEach(() => {
  session.user = bob;
});

const stanceOf = async (id: string) => (await db.comment.findUniqueOrThrow({ where: { id }, select: { stance: true } })).stance;
const newest = async (body: string) => db.comment.findFirstOrThrow({ where: { body }, select: { id: true, stance: true } });

describe("posting with a stance", () => {
  it.each([
    ["agrees", "agrees"],
    ["disagrees", "disagrees"],
    ["context", "context"],
    ["", null],
  ] as const)("a top-level comment with stance %j is stored as %j", async (stance, stored) => {
    const body = `Stance ${stance || "none"} ${Math.random()}`;
    const answer = await callAction(createCommentAction, { threadId, body, stance });
    expect(answer.redirectedTo).toMatch(`/t/${threadId}`);
    expect((await newest(body)).stance).toBe(stored);
  });

  it("a form without the field (JavaScript off, old form) posts with no stance", async () => {
    const body = `No field ${Math.random()}`;
    await callAction(createCommentAction, { threadId, body });
    expect((await newest(body)).stance).toBeNull();
  });

  it("refuses an unknown stance with a clear message and stores nothing", async () => {
    const before = await databaseState();
    const answer = await callAction(createCommentAction, { threadId, body: "Hello", stance: "strongly-agrees" });
    expectClearRefusal(answer);
    expect(answer.message).toBe("Choose a stance: agrees, disagrees, adds context or none.");
    expect(answer.values?.stance).toBe("strongly-agrees");
    await expectDatabaseUnchanged(before);
  });

  it("refuses a reply that carries a stance and stores nothing; a reply without one posts", async () => {
    const body = `Root ${Math.random()}`;
    await callAction(createCommentAction, { threadId, body, stance: "agrees" });
    const root = await newest(body);
    session.user = carol;
    const before = await databaseState();
    const answer = await callAction(createCommentAction, { threadId, parentId: root.id, body: "A reply", stance: "disagrees" });
    expectClearRefusal(answer);
    expect(answer.message).toBe("Only top-level comments take a stance on the point; replies cannot.");
    await expectDatabaseUnchanged(before, { except: ["rateLimiterFlexible"] });
    const ok = await callAction(createCommentAction, { threadId, parentId: root.id, body: "A plain reply", stance: "" });
    expect(ok.redirectedTo).toBeDefined();
  });
});

describe("changing a stance by editing", () => {
  async function ownComment(stance: string) {
    const body = `Mine ${Math.random()}`;
    session.user = bob;
    await callAction(createCommentAction, { threadId, body, stance });
    return (await newest(body)).id;
  }

  it("the author changes it, removes it with No stance, and an edit without the field keeps it", async () => {
    const id = await ownComment("agrees");
    expect((await callAction(editCommentAction, { commentId: id, body: "Changed my mind", stance: "disagrees" })).redirectedTo).toBeDefined();
    expect(await stanceOf(id)).toBe("disagrees");
    await callAction(editCommentAction, { commentId: id, body: "Words only" });
    expect(await stanceOf(id)).toBe("disagrees");
    await callAction(editCommentAction, { commentId: id, body: "No stance", stance: "" });
    expect(await stanceOf(id)).toBeNull();
  });

  it("someone else cannot change it", async () => {
    const id = await ownComment("context");
    session.user = carol;
    const before = await databaseState();
    const answer = await callAction(editCommentAction, { commentId: id, body: "Hijacked", stance: "disagrees" });
    expectClearRefusal(answer);
    expect(answer.message).toBe("You can only change your own comments.");
    await expectDatabaseUnchanged(before, { except: ["rateLimiterFlexible"] }); // an edit spends a rate-limit point first
  });

  it("nobody changes it in a locked thread", async () => {
    session.user = bob;
    const body = `Locked ${Math.random()}`;
    await callAction(createCommentAction, { threadId: lockedThreadId, body, stance: "agrees" });
    const { id } = await newest(body);
    await db.thread.update({ where: { id: lockedThreadId }, data: { locked: true } });
    const before = await databaseState();
    const answer = await callAction(editCommentAction, { commentId: id, body: "Too late", stance: "" });
    expectClearRefusal(answer);
    expect(answer.message).toBe("This thread is locked: no new comments or edits.");
    await expectDatabaseUnchanged(before, { except: ["rateLimiterFlexible"] }); // an edit spends a rate-limit point first
  });

  it("a reply's edit cannot give it a stance", async () => {
    const rootId = await ownComment("agrees");
    session.user = carol;
    await callAction(createCommentAction, { threadId, parentId: rootId, body: "Carol's reply" });
    const reply = await db.comment.findFirstOrThrow({ where: { parentId: rootId, authorId: carol.id }, select: { id: true } });
    const before = await databaseState();
    const answer = await callAction(editCommentAction, { commentId: reply.id, body: "Now agreeing", stance: "agrees" });
    expectClearRefusal(answer);
    await expectDatabaseUnchanged(before, { except: ["rateLimiterFlexible"] }); // an edit spends a rate-limit point first
  });
});
