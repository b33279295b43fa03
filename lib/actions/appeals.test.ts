// The appeal actions end to end below the browser: a suspended member can still appeal (and nothing else), the
// moderator who acted cannot decide, another one can, and overturning lets the member take part again.
import { beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ user: null as import("@/lib/current-user").CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));

import { suspendUserAction } from "@/lib/actions/moderation";
import { decideAppealAction } from "@/lib/actions/appeal-decisions";
import { createCommentAction, reportAction } from "@/lib/actions/comments";
import { db } from "@/lib/db";
import { callAction } from "@/lib/testing/action-harness";
import { createTestComment, createTestModerator, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { fileAppealAction } from "@/lib/actions/appeals";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

let threadId: string;
let mod: TestUser;
let mod2: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeEach(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  mod = await createTestModerator("Mod");
  mod2 = await createTestModerator("Second mod");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
});

const as = async (user: TestUser) => {
  session.user = await currentUserFor(user.id);
};

describe("appealing a suspension", () => {
  it("a suspended member can appeal, and do nothing else; a second moderator's overturn lets them back in", async () => {
    const prompt = await createTestComment({ threadId, authorId: alice.id });
    const target = await createTestComment({ threadId, authorId: bob.id });
    await as(mod);
    expect(await callAction(suspendUserAction, { userId: alice.id, duration: "7d", reason: "Spam", commentId: prompt.id })).toMatchObject({ ok: true });
    const logId = (await db.moderationLog.findFirstOrThrow({ where: { action: "suspend_user", targetUserId: alice.id } })).id;

    await as(alice);
    expect(session.user!.suspension).not.toBeNull();
    expect((await callAction(createCommentAction, { threadId, body: "Still here" })).message).toMatch(/^Your account is suspended/);
    expect((await callAction(reportAction, { threadId, commentId: target.id, reason: "spam" })).message).toMatch(/^Your account is suspended/);
    expect(await callAction(fileAppealAction, { logId, body: "I am not a spammer." })).toEqual({
      ok: true,
      message: "Appeal sent. Another moderator will look at it.",
    });
    expect((await callAction(fileAppealAction, { logId, body: "Again" })).message).toBe("You have already appealed this decision.");
    expect((await callAction(fileAppealAction, { logId, body: "   " })).message).toBe("Say why the decision should change.");
    const appeal = await db.appeal.findUniqueOrThrow({ where: { logId } });

    await as(mod);
    const refused = await callAction(decideAppealAction, { appealId: appeal.id, kind: "overturned", reason: "Mine" });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^Another moderator must decide this appeal/);

    await as(mod2);
    expect((await callAction(decideAppealAction, { appealId: appeal.id, kind: "overturned", reason: "" })).message).toBe("Give a reason: members see it.");
    expect(await callAction(decideAppealAction, { appealId: appeal.id, kind: "overturned", reason: "Not spam" })).toMatchObject({ ok: true });
    expect((await callAction(decideAppealAction, { appealId: appeal.id, kind: "upheld", reason: "Late" })).message).toBe(
      "That appeal has already been decided.",
    );

    await as(alice);
    expect(session.user!.suspension).toBeNull();
    expect((await callAction(createCommentAction, { threadId, body: "Back again" })).redirectedTo).toMatch(/#c-/);
  });
});
