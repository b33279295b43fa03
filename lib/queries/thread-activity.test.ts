import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/threads/[threadId]/new-comments/route";
import { getCurrentUser } from "@/lib/current-user";
import { createTestComment, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { countNewComments } from "./thread-activity";

// The route reads the caller's session; here the caller is whoever the test says.
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => null) }));

let threadId: string;
let otherThreadId: string;
let viewer: string;
let other: string;

beforeEach(async () => {
  [threadId, otherThreadId] = (await createTestThreads(2)) as [string, string];
  viewer = (await createTestUser("Viewer")).id;
  other = (await createTestUser("Other")).id;
});

const get = (id: string, since: string | null) =>
  GET(new Request(`http://x/api/threads/${id}/new-comments${since === null ? "" : `?since=${encodeURIComponent(since)}`}`), {
    params: Promise.resolve({ threadId: id }),
  });

describe("new comments since a page was rendered", () => {
  it("counts others' visible comments posted after `since` in this thread only", async () => {
    await createTestComment({ threadId, authorId: other, body: "before" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const first = await createTestComment({ threadId, authorId: other, body: "new one" });
    await createTestComment({ threadId, authorId: other, body: "new two" });
    await createTestComment({ threadId, authorId: viewer, body: "my own" });
    await createTestComment({ threadId, authorId: other, body: "held", status: "pending" });
    await createTestComment({ threadId, authorId: other, body: "hidden", status: "hidden" });
    await createTestComment({ threadId, authorId: other, body: "deleted", deletedAt: new Date() });
    await createTestComment({ threadId: otherThreadId, authorId: other, body: "elsewhere" });

    expect(await countNewComments(threadId, since, viewer)).toEqual({ count: 2, firstId: first.id });
    // Signed out, the reader's own comment is someone else's.
    expect((await countNewComments(threadId, since))?.count).toBe(3);
    expect(await countNewComments("no-such-thread", since)).toBeNull();
  });

  it("GET answers the count, 422 for a missing or malformed since, 404 for an unknown thread", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    await createTestComment({ threadId, authorId: other });
    const ok = await get(threadId, since);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(await ok.json()).toMatchObject({ count: 1 });
    // The author polling their own thread is not told about their own comment.
    vi.mocked(getCurrentUser).mockResolvedValueOnce({ id: other, name: "Other", role: "member", suspension: null });
    expect(await (await get(threadId, since)).json()).toMatchObject({ count: 0 });

    for (const bad of [null, "", "yesterday", "2026-13-45T99:00:00Z", "x".repeat(10_000)]) {
      const response = await get(threadId, bad);
      expect(response.status, String(bad).slice(0, 20)).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: "invalid" } });
    }
    expect((await get("no-such-thread", since)).status).toBe(404);
  });

  it("GET answers a date before 1970, even year 0 (which PostgreSQL refuses), as if it were 1970", async () => {
    await createTestComment({ threadId, authorId: other });
    for (const early of ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z"]) {
      const response = await get(threadId, early);
      expect(response.status, early).toBe(200);
      expect((await response.json()).count, early).toBeGreaterThan(0);
    }
  });
});
