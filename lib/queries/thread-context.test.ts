// The thread context (what every viewer of a thread sees alike above its comments) is read once per instance and
// forgotten by the actions that change it: proven here through the real actions, as a member or moderator would
// act, with the database real and the session mocked (it needs a Next request).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));

import { createCommentAction, voteAction } from "@/lib/actions/comments";
import { decideCorrectionAction } from "@/lib/actions/corrections";
import { suggestCorrectionAction } from "@/lib/actions/evidence";
import { moderateThreadAction } from "@/lib/actions/moderation";
import { setSlowModeAction } from "@/lib/actions/slow-mode";
import { executedQueryCount } from "@/lib/db";
import { listenOnChannels, type ChannelListener } from "@/lib/pg-listen";
import { isSlowModeActive } from "@/lib/permissions";
import { callAction } from "@/lib/testing/action-harness";
import { createTestModerator, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { testDatabaseKind } from "@/lib/testing/postgres";
import { createCorrection } from "./corrections";
import {
  forgetLocalThreadContexts,
  forgetThreadContexts,
  getThreadContext,
  readThreadContext,
  THREAD_CONTEXT_CHANNEL,
  threadContextHandlers,
} from "./thread-context";

let threadId: string;

beforeEach(async () => {
  forgetLocalThreadContexts();
  [threadId] = (await createTestThreads(2)) as [string];
  // Staff skip pre-moderation: their comments count at once.
  session.user = await currentUserFor((await createTestModerator("Mod")).id);
});

/** The SQL statements `work` sends. */
async function statements(work: () => Promise<unknown>): Promise<number> {
  const before = executedQueryCount();
  await work();
  return executedQueryCount() - before;
}

describe("a thread's context", () => {
  it("is read from the database once, then served without a statement; a missing thread is null", async () => {
    expect(await statements(() => getThreadContext(threadId))).toBeGreaterThanOrEqual(5);
    expect(await statements(() => getThreadContext(threadId))).toBe(0);
    expect(await getThreadContext(threadId)).toEqual(await readThreadContext(threadId));
    expect(await getThreadContext("nosuchthread")).toBeNull();
  });

  it("shows a comment posted through the form at once: the count and the stance tally", async () => {
    const before = (await getThreadContext(threadId))!;
    expect(before.thread.commentCount).toBe(0);
    expect(before.tally.agrees).toBe(0);
    const answer = await callAction(createCommentAction, { threadId, body: "I agree with this point.", stance: "agrees" });
    expect(answer.redirectedTo).toMatch(/^\/t\//);
    const after = (await getThreadContext(threadId))!;
    expect(after.thread.commentCount).toBe(1);
    expect(after.tally.agrees).toBe(1);
  });

  it("shows a moderator's lock and slow mode at once", async () => {
    await getThreadContext(threadId);
    expect((await callAction(moderateThreadAction, { threadId, kind: "lock", reason: "Cooling off" })).ok).toBe(true);
    const locked = (await getThreadContext(threadId))!.thread;
    expect(locked.locked).toBe(true);
    expect(locked.lockReason).toBe("Cooling off");
    expect((await callAction(setSlowModeAction, { threadId, kind: "on" })).ok).toBe(true);
    expect(isSlowModeActive((await getThreadContext(threadId))!.thread, new Date())).toBe(true);
  });

  it("shows an accepted correction's note at once", async () => {
    const member = await createTestUser("Reader");
    const correction = await createCorrection({
      threadId,
      requester: { id: member.id, role: "member", suspension: null },
      target: "summary",
      claim: "The summary misquotes the article.",
    });
    expect((await getThreadContext(threadId))!.correctionNotes).toBeUndefined();
    const answer = await callAction(decideCorrectionAction, { correctionId: correction.id, kind: "accept", note: "The summary now quotes the article." });
    expect(answer.ok).toBe(true);
    expect((await getThreadContext(threadId))!.correctionNotes?.map((note) => note.note)).toEqual(["The summary now quotes the article."]);
  });

  it("knows at once who has suggested a correction (only they have a list of their own to read)", async () => {
    const member = await currentUserFor((await createTestUser("Reader")).id);
    session.user = member;
    expect((await getThreadContext(threadId))!.correctionRequesters.has(member.id)).toBe(false);
    const answer = await callAction(suggestCorrectionAction, { threadId, target: "summary", claim: "The summary leaves out the regulators' decision." });
    expect(answer.ok).toBe(true);
    expect((await getThreadContext(threadId))!.correctionRequesters).toEqual(new Set([member.id]));
  });

  it("is kept through a vote (it holds no scores)", async () => {
    const posted = await callAction(createCommentAction, { threadId, body: "Worth an upvote." });
    const commentId = new URL(posted.redirectedTo!, "http://x").searchParams.get("at")!;
    session.user = await currentUserFor((await createTestUser("Voter")).id);
    await getThreadContext(threadId);
    expect((await callAction(voteAction, { commentId })).ok).toBe(true);
    expect(await statements(() => getThreadContext(threadId))).toBe(0);
  });

  it("is forgotten for the thread changed only: a member posting keeps every other thread's context warm", async () => {
    const [, otherThreadId] = (await createTestThreads(2)) as [string, string];
    await getThreadContext(threadId);
    await getThreadContext(otherThreadId);
    expect((await callAction(createCommentAction, { threadId, body: "Posted here, not there." })).redirectedTo).toMatch(/^\/t\//);
    expect(await statements(() => getThreadContext(otherThreadId))).toBe(0);
    expect(await statements(() => getThreadContext(threadId))).toBeGreaterThan(0);
  });

  it("is forgotten when another instance announces a change (one thread's, or all), not at the echo of this instance's own", async () => {
    const [, otherThreadId] = (await createTestThreads(2)) as [string, string];
    const handle = threadContextHandlers("this-instance")[THREAD_CONTEXT_CHANNEL]!;
    const warm = () => Promise.all([getThreadContext(threadId), getThreadContext(otherThreadId)]);
    await warm();
    handle(`this-instance ${threadId}`);
    handle("this-instance *");
    expect(await statements(() => warm())).toBe(0);
    handle(`another-instance ${threadId}`);
    expect(await statements(() => getThreadContext(otherThreadId))).toBe(0);
    expect(await statements(() => getThreadContext(threadId))).toBeGreaterThan(0);
    handle("another-instance *");
    expect(await statements(() => getThreadContext(otherThreadId))).toBeGreaterThan(0);
  });
});

describe.runIf(testDatabaseKind() === "postgres")("other instances, through PostgreSQL's NOTIFY", () => {
  let listener: ChannelListener | undefined;
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });

  it("hear a change within a second", async () => {
    const heard: string[] = [];
    listener = listenOnChannels(process.env.DATABASE_URL!, { [THREAD_CONTEXT_CHANNEL]: (payload) => void heard.push(payload) });
    await listener.ready;
    await forgetThreadContexts(threadId);
    await expect.poll(() => heard.length, { timeout: 1_000, interval: 20 }).toBe(1);
    expect(heard[0]).toMatch(new RegExp(` ${threadId}$`));
  });
});
