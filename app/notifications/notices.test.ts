// Moderation notices end to end below the browser: the moderation, appeal and correction actions create them in
// their transactions, the notifications page's actions read them, and the emails reach a local SMTP server.
// getCurrentUser() is mocked (it needs a Next request); after() runs its task at once and keeps its promise here.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const sink = await vi.hoisted(async () => {
  const { startSmtpSink } = await import("@/lib/testing/smtp-sink");
  const started = await startSmtpSink();
  process.env.SMTP_URL = started.url;
  process.env.AUTH_URL = "https://agora.example.test";
  process.env.MAIL_FROM = "Agora <notifications@agora.example.test>";
  return started;
});
const session = vi.hoisted(() => ({ user: null as import("@/lib/current-user").CurrentUser | null }));
const background = vi.hoisted(() => ({ tasks: [] as Promise<unknown>[] }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/client-ip", () => ({ getClientIp: async () => "127.0.0.1" }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => Promise<unknown>) => {
    background.tasks.push(task());
  },
}));

import { dismissReportsAction, moderateCommentAction, suspendUserAction } from "@/lib/actions/moderation";
import { decideAppealAction } from "@/lib/actions/appeal-decisions";
import { decideCorrectionAction } from "@/lib/actions/corrections";
import type { ActionState } from "@/lib/action-state";
import { db } from "@/lib/db";
import { fileAppeal } from "@/lib/queries/appeals";
import { createCorrection } from "@/lib/queries/corrections";
import { getNotices } from "@/lib/queries/notices";
import { countUnreadNotifications } from "@/lib/queries/notifications";
import { createReport } from "@/lib/queries/reports";
import { createTestComment, createTestModerator, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { markAllNotificationsReadAction, openNoticeAction } from "@/lib/actions/notifications";

type Result = ActionState & { redirectedTo?: string };

async function call(action: (...args: never[]) => Promise<unknown>, fields: Record<string, string>, withState = true): Promise<Result> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  try {
    const args = (withState ? [{ ok: true }, form] : [form]) as never[];
    const result = ((await action(...args)) as ActionState | undefined) ?? { ok: true };
    await Promise.all(background.tasks.splice(0));
    return result;
  } catch (error) {
    await Promise.all(background.tasks.splice(0));
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { ok: true, redirectedTo: digest.split(";")[2] };
    throw error;
  }
}

const as = async (user: { id: string } | null) => {
  session.user = user && (await currentUserFor(user.id));
};

let threadId: string;
let mod: { id: string; name: string | null };
let mod2: { id: string };
let ada: { id: string };
let grace: { id: string };
let adaEmail: string;

beforeAll(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
});

beforeEach(async () => {
  mod = await createTestModerator("Moderator Mona");
  mod2 = await createTestModerator("Second Mod");
  ada = await createTestUser("Ada Lovelace");
  grace = await createTestUser("Grace Hopper");
  adaEmail = (await db.user.findUniqueOrThrow({ where: { id: ada.id }, select: { email: true } })).email!;
  sink.messages.length = 0;
});

afterAll(async () => {
  await Promise.all(background.tasks.splice(0));
  await sink.close();
});

async function adaComment(body = "Sparks Good is mostly PR and nothing else.") {
  return (await createTestComment({ threadId, authorId: ada.id, body })).id;
}

describe("the author of a hidden or removed comment", () => {
  it("is told in the app and by email, with the reason, the comment's first words and where to appeal", async () => {
    const commentId = await adaComment();
    await as(mod);
    expect((await call(moderateCommentAction, { commentId, kind: "hide", reason: "Personal attack" })).ok).toBe(true);
    const [notice] = await getNotices(ada.id);
    expect(notice).toMatchObject({ kind: "comment_hidden", href: `/t/${threadId}/c/${commentId}`, readAt: null });
    expect(notice!.title).toContain("A moderator hid your comment on");
    expect(notice!.body).toContain("Reason given: Personal attack");
    expect(notice!.body).toContain("Sparks Good is mostly PR");
    expect(notice!.body).toMatch(/appeal/);
    // Never the moderator's name.
    expect(`${notice!.title} ${notice!.body}`).not.toContain("Mona");
    expect(await countUnreadNotifications(ada.id)).toBe(1);

    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual([adaEmail]);
    expect(mail!.subject).toContain("A moderator hid your comment");
    expect(mail!.text).toContain("Reason given: Personal attack");
    expect(mail!.text).toContain(`https://agora.example.test/t/${threadId}/c/${commentId}`);
    expect(mail!.text).not.toContain("Mona");
  });

  it("hears of a removal too, but nothing for a restore or an approval, and no email once turned off", async () => {
    await db.user.update({ where: { id: ada.id }, data: { emailNotifications: false } });
    const commentId = await adaComment();
    await as(mod);
    await call(moderateCommentAction, { commentId, kind: "remove", reason: "Spam link" });
    await call(moderateCommentAction, { commentId, kind: "restore" });
    expect((await getNotices(ada.id)).map((notice) => notice.kind)).toEqual(["comment_removed"]);
    expect(sink.messages).toEqual([]);
  });
});

describe("a suspended member", () => {
  it("is told the reason, the length in words with a readable date, and where to appeal", async () => {
    await as(mod);
    expect((await call(suspendUserAction, { userId: ada.id, duration: "1d", reason: "Repeated insults" })).ok).toBe(true);
    const [notice] = await getNotices(ada.id);
    expect(notice!.kind).toBe("suspended");
    expect(notice!.title).toBe("Your account is suspended for 1 day");
    expect(notice!.body).toContain("Reason given: Repeated insults");
    expect(notice!.body).toMatch(/Length: 1 day, until \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC\./);
    expect(notice!.href).toBe("/appeals");
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toBe("Your account is suspended for 1 day");
  });
});

describe("an appellant", () => {
  it("hears every appeal's outcome: a declined comment appeal, then a granted suspension appeal", async () => {
    const commentId = await adaComment();
    await as(mod);
    await call(moderateCommentAction, { commentId, kind: "hide", reason: "Off topic" });
    const hideLog = await db.moderationLog.findFirstOrThrow({ where: { action: "hide_comment", targetId: commentId }, select: { id: true } });
    const commentAppeal = await fileAppeal({ appellant: await currentUserFor(ada.id), logId: hideLog.id, body: "It was on topic." });
    await as(mod2);
    expect((await call(decideAppealAction, { appealId: commentAppeal.id, kind: "upheld", reason: "It was about another article." })).ok).toBe(true);
    let [latest] = await getNotices(ada.id);
    expect(latest!.kind).toBe("appeal_upheld");
    expect(latest!.title).toBe("Your appeal was declined: the decision on your comment stands");
    expect(latest!.body).toContain("Reason given: It was about another article.");

    await as(mod);
    await call(suspendUserAction, { userId: ada.id, duration: "7d", reason: "Insults" });
    const suspension = await db.moderationLog.findFirstOrThrow({ where: { action: "suspend_user", targetUserId: ada.id }, select: { id: true } });
    const suspensionAppeal = await fileAppeal({ appellant: await currentUserFor(ada.id), logId: suspension.id, body: "I apologised." });
    await as(mod2);
    await call(decideAppealAction, { appealId: suspensionAppeal.id, kind: "overturned", reason: "Fair enough." });
    [latest] = await getNotices(ada.id);
    expect(latest!.kind).toBe("appeal_overturned");
    expect(latest!.body).toContain("Your suspension is lifted");
    expect((await getNotices(ada.id)).map((notice) => notice.kind)).toEqual(["appeal_overturned", "suspended", "appeal_upheld", "comment_hidden"]);
  });
});

describe("a reporter", () => {
  it("is told when their report was acted on, without the moderator's name", async () => {
    const commentId = await adaComment();
    await createReport({ reporterId: grace.id, threadId, commentId, reason: "harassment" });
    await as(mod);
    await call(moderateCommentAction, { commentId, kind: "remove", reason: "Harassment" });
    const [notice] = await getNotices(grace.id);
    expect(notice).toMatchObject({ kind: "report_acted", title: "A moderator acted on your report", href: `/t/${threadId}` });
    expect(notice!.body).toContain("The comment was removed.");
    expect(notice!.body).not.toContain("Mona");
  });

  it("is told when their report was dismissed; other members hear nothing", async () => {
    const commentId = await adaComment();
    await createReport({ reporterId: grace.id, threadId, commentId, reason: "spam" });
    await as(mod);
    expect((await call(dismissReportsAction, { threadId, commentId })).ok).toBe(true);
    const [notice] = await getNotices(grace.id);
    expect(notice).toMatchObject({ kind: "report_dismissed", title: "A moderator looked at your report and took no action" });
    expect(await getNotices(ada.id)).toEqual([]);
  });

  it("of a thread is told too", async () => {
    await createReport({ reporterId: grace.id, threadId, reason: "off_topic" });
    await as(mod);
    await call(dismissReportsAction, { threadId });
    const [notice] = await getNotices(grace.id);
    expect(notice!.body).toMatch(/^You reported the thread “/);
  });
});

describe("a correction's requester", () => {
  it("is told of an acceptance (with the public note) and of a refusal (with the reason)", async () => {
    const accepted = await createCorrection({ threadId, requester: await currentUserFor(grace.id), target: "article", claim: "The date is 2025, not 2024." });
    const rejected = await createCorrection({ threadId, requester: await currentUserFor(grace.id), target: "summary", claim: "The summary is wrong." });
    await as(mod);
    expect((await call(decideCorrectionAction, { correctionId: accepted.id, kind: "accept", note: "Corrected the year." })).ok).toBe(true);
    expect((await call(decideCorrectionAction, { correctionId: rejected.id, kind: "reject", reason: "The summary says so already." })).ok).toBe(true);
    const notices = await getNotices(grace.id);
    expect(notices.map((notice) => notice.kind)).toEqual(["correction_rejected", "correction_accepted"]);
    expect(notices[1]!.body).toContain("Corrected the year.");
    expect(notices[0]!.body).toContain("Reason given: The summary says so already.");
  });
});

describe("reading notices", () => {
  it("opening one marks it read and goes where it points; another member's notice id does nothing (IDOR)", async () => {
    const commentId = await adaComment();
    await as(mod);
    await call(moderateCommentAction, { commentId, kind: "hide", reason: "x" });
    const [notice] = await getNotices(ada.id);
    await as(grace);
    expect((await call(openNoticeAction, { noticeId: notice!.id }, false)).redirectedTo).toBe("/notifications");
    expect((await db.notice.findUniqueOrThrow({ where: { id: notice!.id } })).readAt).toBeNull();
    await as(ada);
    expect((await call(openNoticeAction, { noticeId: notice!.id }, false)).redirectedTo).toBe(`/t/${threadId}/c/${commentId}`);
    expect((await db.notice.findUniqueOrThrow({ where: { id: notice!.id } })).readAt).not.toBeNull();
    expect(await countUnreadNotifications(ada.id)).toBe(0);
  });

  it("mark all as read covers notices; signed out, the actions send to sign-in", async () => {
    const commentId = await adaComment();
    await as(mod);
    await call(moderateCommentAction, { commentId, kind: "hide", reason: "x" });
    await as(ada);
    expect(await countUnreadNotifications(ada.id)).toBe(1);
    await call(markAllNotificationsReadAction, {}, false);
    expect(await countUnreadNotifications(ada.id)).toBe(0);
    await as(null);
    expect((await call(openNoticeAction, { noticeId: "x" }, false)).redirectedTo).toMatch(/^\/signin/);
  });
});
