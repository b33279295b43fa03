// voteAction, called as every kind of caller on every kind of comment, then with hostile forms: only a signed-in,
// unsuspended member upvotes someone else's visible comment; everything else is a written refusal that leaves
// the database exactly as it was. getCurrentUser() is mocked (it needs a Next request); the rest is real.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { db } from "@/lib/db";
import { callAction, databaseState, expectClearRefusal, expectDatabaseUnchanged } from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, everyId, sessionFor, type ActionWorld, type ActorName } from "@/lib/testing/action-world";
import { hostileForm, idOf } from "@/lib/testing/hostile-input";
import { voteAction } from "@/lib/actions/comments";

let world: ActionWorld;
beforeAll(async () => {
  world = await buildActionWorld();
});

const score = async (commentId: string) => (await db.comment.findUniqueOrThrow({ where: { id: commentId }, select: { score: true } })).score;

/** Who may upvote which comment of the world: signed in, not suspended, someone else's, visible and not deleted. */
function mayVote(actor: ActorName, comment: keyof ActionWorld["comments"]): boolean {
  if (actor === "anonymous" || actor.startsWith("suspended")) return false;
  const visibleOthers = ["carolVisible", "carolReply", "carolInLocked", "carolInOther", "carolReported", "moderatorComment", "adminComment", "suspendedOwn"];
  // The "own" comments are the member actor's: to everyone else they are someone else's.
  const membersVisible = ["ownVisible", "ownInLocked"];
  return visibleOthers.includes(comment) || (actor !== "member" && membersVisible.includes(comment));
}

describe("voteAction", () => {
  it("upvotes, then takes the upvote back, keeping the count and the vote row in step", async () => {
    session.user = await sessionFor(world, "member");
    const id = world.comments.carolVisible;
    const start = await score(id);
    expect(await callAction(voteAction, { commentId: id })).toMatchObject({ ok: true, message: "Upvoted." });
    expect(await score(id)).toBe(start + 1);
    expect(await db.commentVote.count({ where: { commentId: id, userId: session.user!.id } })).toBe(1);
    expect(await callAction(voteAction, { commentId: id })).toMatchObject({ ok: true, message: "Upvote taken back." });
    expect(await score(id)).toBe(start);
    expect(await db.commentVote.count({ where: { commentId: id } })).toBe(0);
  });

  it("every caller on every comment: allowed exactly where the rule says, refused otherwise with nothing stored", { timeout: 120_000 }, async () => {
    for (const actor of ACTORS) {
      session.user = await sessionFor(world, actor);
      for (const [name, commentId] of Object.entries(world.comments) as [keyof ActionWorld["comments"], string][]) {
        const before = await databaseState();
        const answer = await callAction(voteAction, { commentId });
        if (mayVote(actor, name)) {
          expect(answer, `${actor} → ${name}`).toMatchObject({ ok: true });
          // Undo, so the next caller finds the world as it was.
          expect(await callAction(voteAction, { commentId })).toMatchObject({ ok: true });
          await expectDatabaseUnchanged(before);
        } else {
          expectClearRefusal(answer);
          await expectDatabaseUnchanged(before);
        }
      }
    }
  });

  it("ignores fields a client adds: the vote is the caller's and counts one", async () => {
    session.user = await sessionFor(world, "member");
    const id = world.comments.adminComment;
    const start = await score(id);
    const answer = await callAction(voteAction, { commentId: id, userId: world.others.carol.id, score: "1000", voted: "true", threadId: world.threads.other });
    expect(answer.ok).toBe(true);
    expect(await score(id)).toBe(start + 1);
    expect(await db.commentVote.findMany({ where: { commentId: id }, select: { userId: true } })).toEqual([{ userId: session.user!.id }]);
    await callAction(voteAction, { commentId: id });
  });

  it("two clicks at once from one member count once", async () => {
    session.user = await sessionFor(world, "moderator");
    const id = world.comments.carolReply;
    const start = await score(id);
    const answers = await Promise.all([callAction(voteAction, { commentId: id }), callAction(voteAction, { commentId: id })]);
    const votes = await db.commentVote.count({ where: { commentId: id } });
    expect(await score(id)).toBe(start + votes);
    expect(votes).toBeLessThanOrEqual(1);
    for (const answer of answers) expect(answer.message).toBeTruthy();
    if (votes) await callAction(voteAction, { commentId: id });
  });

  it("hostile forms get a written refusal or a real vote, never an error, and a refusal changes nothing", { timeout: 120_000 }, async () => {
    const ids = idOf(Object.values(world.comments), everyId(world));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTORS), hostileForm({ commentId: ids }), async (actor, fields) => {
        session.user = await sessionFor(world, actor);
        const before = await databaseState();
        const answer = await callAction(voteAction, fields);
        if (answer.ok) {
          // Take it back: the property is about refusals; accepted votes were proven above.
          await callAction(voteAction, fields);
        } else {
          expectClearRefusal(answer);
        }
        await expectDatabaseUnchanged(before);
      }),
      { numRuns: 60 },
    );
  });
});
