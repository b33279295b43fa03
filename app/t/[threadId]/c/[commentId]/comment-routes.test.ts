// The thread page's one-click forms post to their own URLs (vote, source-request), and the inline edit form reads
// the author's Markdown from /api/comments/<id>/markdown. Called as the browser does, with and without JavaScript,
// as every kind of caller. getCurrentUser() is mocked (it needs a Next request); the database is real.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { db } from "@/lib/db";
import { databaseState, expectDatabaseUnchanged } from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, sessionFor, type ActionWorld } from "@/lib/testing/action-world";
import { GET as markdown } from "@/app/api/comments/[commentId]/markdown/route";
import { POST as sourceRequest } from "./source-request/route";
import { POST as vote } from "./vote/route";

const ORIGIN = "http://127.0.0.1:3100";
let world: ActionWorld;
beforeAll(async () => {
  world = await buildActionWorld();
});

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return new NextRequest(`${ORIGIN}${path}`, { method: "POST", body, headers: { host: "127.0.0.1:3100", ...headers } });
}

const params = (threadId: string, commentId: string) => ({ params: Promise.resolve({ threadId, commentId }) });
const score = async (id: string) => (await db.comment.findUniqueOrThrow({ where: { id }, select: { score: true } })).score;

describe("the vote route", () => {
  it("without JavaScript: upvotes and sends the browser back to the page it came from, at the comment", async () => {
    session.user = await sessionFor(world, "member");
    const id = world.comments.carolVisible;
    const before = await score(id);
    const from = `${ORIGIN}/t/${world.threads.main}?sort=top&after=abc`;
    const answer = await vote(post(`/t/${world.threads.main}/c/${id}/vote`, {}, { referer: from }), params(world.threads.main, id));
    expect(answer.status).toBe(303);
    // A path, never another host's URL: the reader's cookies belong to the name they used.
    expect(answer.headers.get("location")).toBe(`/t/${world.threads.main}?sort=top&after=abc#c-${id}`);
    expect(await score(id)).toBe(before + 1);
    await vote(post(`/t/${world.threads.main}/c/${id}/vote`, {}), params(world.threads.main, id));
    expect(await score(id)).toBe(before);
  });

  it("a Referer from another site or another thread is not followed", async () => {
    session.user = await sessionFor(world, "member");
    const id = world.comments.carolVisible;
    for (const referer of ["https://evil.example/t/x", `${ORIGIN}/t/${world.threads.other}`, "not a url"]) {
      const answer = await vote(post(`/t/${world.threads.main}/c/${id}/vote`, {}, { referer }), params(world.threads.main, id));
      expect(answer.headers.get("location")).toBe(`/t/${world.threads.main}/c/${id}#c-${id}`);
    }
    await vote(post(`/t/${world.threads.main}/c/${id}/vote`, {}), params(world.threads.main, id));
  });

  it("with JavaScript: answers JSON, and a refusal is a 422 with the reason, nothing stored", async () => {
    for (const actor of ACTORS) {
      session.user = await sessionFor(world, actor);
      const own = world.comments.ownVisible;
      const before = await databaseState();
      const answer = await vote(post(`/t/${world.threads.main}/c/${own}/vote`, {}, { accept: "application/json" }), params(world.threads.main, own));
      if (actor === "member" || actor === "anonymous" || actor.startsWith("suspended")) {
        // Your own comment, signed out or suspended: refused.
        expect(answer.status, actor).toBe(422);
        expect((await answer.json()).error.message, actor).toMatch(/\w/);
        await expectDatabaseUnchanged(before);
      } else {
        expect(answer.status, actor).toBe(200);
        expect(await answer.json()).toMatchObject({ ok: true, message: "Upvoted." });
        await vote(post(`/t/${world.threads.main}/c/${own}/vote`, {}, { accept: "application/json" }), params(world.threads.main, own));
      }
    }
  });

  it("the URL names the comment: a commentId in the body cannot point the vote elsewhere", async () => {
    session.user = await sessionFor(world, "member");
    const target = world.comments.carolInOther;
    const other = world.comments.carolVisible;
    const [targetBefore, otherBefore] = [await score(target), await score(other)];
    await vote(post(`/t/${world.threads.other}/c/${target}/vote`, { commentId: other }), params(world.threads.other, target));
    expect(await score(target)).toBe(targetBefore + 1);
    expect(await score(other)).toBe(otherBefore);
    await vote(post(`/t/${world.threads.other}/c/${target}/vote`, {}), params(world.threads.other, target));
  });

  it("without JavaScript, a refusal sends the browser to the comment's page, which says so", async () => {
    session.user = null;
    const id = world.comments.carolVisible;
    const answer = await vote(post(`/t/${world.threads.main}/c/${id}/vote`, {}), params(world.threads.main, id));
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`/t/${world.threads.main}/c/${id}?refused=1`);
  });
});

describe("the source-request route", () => {
  it("asks for a source and takes the request back; the author cannot ask of their own comment", async () => {
    session.user = await sessionFor(world, "member");
    const id = world.comments.carolVisible;
    const asked = await sourceRequest(
      post(`/t/${world.threads.main}/c/${id}/source-request`, { intent: "request" }, { accept: "application/json" }),
      params(world.threads.main, id),
    );
    expect(await asked.json()).toMatchObject({ ok: true, message: "Asked the author for a source." });
    expect(await db.sourceRequest.count({ where: { commentId: id, requesterId: session.user!.id } })).toBe(1);
    const withdrawn = await sourceRequest(
      post(`/t/${world.threads.main}/c/${id}/source-request`, { intent: "withdraw" }, { accept: "application/json" }),
      params(world.threads.main, id),
    );
    expect(await withdrawn.json()).toMatchObject({ ok: true, message: "Request taken back." });
    expect(await db.sourceRequest.count({ where: { commentId: id, requesterId: session.user!.id } })).toBe(0);

    const own = world.comments.ownVisible;
    const before = await databaseState();
    const refused = await sourceRequest(
      post(`/t/${world.threads.main}/c/${own}/source-request`, { intent: "request" }, { accept: "application/json" }),
      params(world.threads.main, own),
    );
    expect(refused.status).toBe(422);
    await expectDatabaseUnchanged(before);
  });

  it("an unreadable body is a 400, not a crash", async () => {
    session.user = await sessionFor(world, "member");
    const id = world.comments.carolVisible;
    const request = new NextRequest(`${ORIGIN}/t/${world.threads.main}/c/${id}/source-request`, {
      method: "POST",
      body: "[{",
      headers: { "content-type": "multipart/form-data; boundary=x", accept: "application/json" },
    });
    const answer = await sourceRequest(request, params(world.threads.main, id));
    expect(answer.status).toBe(400);
  });
});

describe("the edit form's Markdown", () => {
  const read = (commentId: string) => markdown(new Request(`${ORIGIN}/api/comments/${commentId}/markdown`), { params: Promise.resolve({ commentId }) });

  it("its author gets the Markdown and whether the stance may change; nobody else does", async () => {
    session.user = await sessionFor(world, "member");
    const own = await read(world.comments.ownVisible);
    expect(own.status).toBe(200);
    expect(own.headers.get("cache-control")).toContain("no-store");
    expect(await own.json()).toMatchObject({ body: "visible comment", canSetStance: true });

    for (const actor of ACTORS.filter((name) => name !== "member")) {
      session.user = await sessionFor(world, actor);
      const answer = await read(world.comments.ownVisible);
      expect(answer.status, actor).toBe(actor === "anonymous" ? 401 : 403);
      expect(JSON.stringify(await answer.json()), actor).not.toContain("visible comment");
    }
  });

  it("a comment its author may no longer edit (hidden, removed, deleted, in a locked thread) is refused, and an unknown one is not found", async () => {
    session.user = await sessionFor(world, "member");
    for (const id of [world.comments.ownHidden, world.comments.ownRemoved, world.comments.ownDeleted, world.comments.ownInLocked]) {
      expect((await read(id)).status, id).toBe(403);
    }
    expect((await read("nosuchcomment")).status).toBe(404);
  });
});
