// Protections that no other test would notice going missing (issue 17's mutation read): each test here fails when
// its protection is taken out. Real database; only the request boundary (session, client address) is mocked.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "203.0.113.9" }));

import { reportAction } from "@/lib/actions/comments";
import { suggestCorrectionAction } from "@/lib/actions/evidence";
import { db } from "@/lib/db";
import { getUserComments } from "@/lib/queries/user-comments";
import { createTestComment, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { overrideEnv, resetEnv } from "@/lib/testing/env";

afterEach(() => {
  resetEnv();
  session.user = null;
});

function reportForm(threadId: string, commentId: string): FormData {
  const form = new FormData();
  form.set("threadId", threadId);
  form.set("commentId", commentId);
  form.set("reason", "spam");
  return form;
}

describe("reporting is rate-limited per member", () => {
  let threadId: string;
  let comments: string[];

  beforeEach(async () => {
    [threadId] = (await createTestThreads(1)) as [string];
    const author = await createTestUser("Author");
    comments = [];
    for (const n of [1, 2, 3]) comments.push((await createTestComment({ threadId, authorId: author.id, body: `Claim ${n}` })).id);
  });

  it("refuses the report past RATE_LIMIT_REPORT_USER with a clear message, and stores nothing", async () => {
    overrideEnv({ RATE_LIMIT_REPORT_USER: "2/3600", RATE_LIMIT_REPORT_IP: "1000/3600" });
    const reporter = await createTestUser("Reporter");
    session.user = await currentUserFor(reporter.id);

    for (const commentId of comments.slice(0, 2)) {
      expect(await reportAction({ ok: true }, reportForm(threadId, commentId))).toMatchObject({ ok: true });
    }
    const third = await reportAction({ ok: true }, reportForm(threadId, comments[2]!));
    expect(third).toMatchObject({ ok: false, message: expect.stringMatching(/too often\. Try again in/) });
    expect(await db.report.count({ where: { reporterId: reporter.id } })).toBe(2);
    expect(await db.report.count({ where: { commentId: comments[2]! } })).toBe(0);
  });

  it("counts per member: another member can still report", async () => {
    overrideEnv({ RATE_LIMIT_REPORT_USER: "1/3600", RATE_LIMIT_REPORT_IP: "1000/3600" });
    const first = await createTestUser("First");
    const second = await createTestUser("Second");
    session.user = await currentUserFor(first.id);
    expect(await reportAction({ ok: true }, reportForm(threadId, comments[0]!))).toMatchObject({ ok: true });
    expect(await reportAction({ ok: true }, reportForm(threadId, comments[1]!))).toMatchObject({ ok: false });
    session.user = await currentUserFor(second.id);
    expect(await reportAction({ ok: true }, reportForm(threadId, comments[1]!))).toMatchObject({ ok: true });
  });
});

describe("suggested corrections have their own limit", () => {
  const correctionForm = (threadId: string) => {
    const form = new FormData();
    form.set("threadId", threadId);
    form.set("target", "summary");
    form.set("claim", "The summary says the programme started in 2019; the article says 2021.");
    return form;
  };

  it("spending it leaves reports untouched, and spending reports leaves it untouched", async () => {
    overrideEnv({
      RATE_LIMIT_CORRECTION_USER: "1/3600",
      RATE_LIMIT_REPORT_USER: "1/3600",
      RATE_LIMIT_REPORT_IP: "1000/3600",
      RATE_LIMIT_CORRECTION_IP: "1000/3600",
    });
    const threads = (await createTestThreads(3)) as [string, string, string];
    const author = await createTestUser("Author");
    const comments = [];
    for (const n of [1, 2]) comments.push((await createTestComment({ threadId: threads[0], authorId: author.id, body: `Claim ${n}` })).id);
    const member = await createTestUser("Member");
    session.user = await currentUserFor(member.id);

    expect(await suggestCorrectionAction({ ok: true }, correctionForm(threads[0]))).toMatchObject({ ok: true });
    expect(await reportAction({ ok: true }, reportForm(threads[0], comments[0]!))).toMatchObject({ ok: true });
    // Each budget is now spent, and only its own kind is refused.
    expect(await suggestCorrectionAction({ ok: true }, correctionForm(threads[1]))).toMatchObject({ ok: false, message: expect.stringMatching(/too often/) });
    expect(await reportAction({ ok: true }, reportForm(threads[0], comments[1]!))).toMatchObject({ ok: false, message: expect.stringMatching(/too often/) });
    expect(await db.correction.count({ where: { requesterId: member.id } })).toBe(1);
    expect(await db.report.count({ where: { reporterId: member.id } })).toBe(1);
  });
});

describe("a member's page lists only what everyone may read", () => {
  it("leaves out hidden, removed, held and deleted comments", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const author = await createTestUser("Author");
    const visible = await createTestComment({ threadId, authorId: author.id, body: "Visible claim" });
    await createTestComment({ threadId, authorId: author.id, body: "Hidden claim", status: "hidden" });
    await createTestComment({ threadId, authorId: author.id, body: "Removed claim", status: "removed" });
    await createTestComment({ threadId, authorId: author.id, body: "Held claim", status: "pending" });
    await createTestComment({ threadId, authorId: author.id, body: "Deleted claim", deletedAt: new Date() });

    const { comments } = await getUserComments(author.id);
    expect(comments.map((comment) => comment.body)).toEqual(["Visible claim"]);
    expect(comments[0]!.id).toBe(visible.id);
  });
});
