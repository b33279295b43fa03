// Notifications end to end below the browser: the comment and moderation actions create them, the notification
// actions read them, and the emails reach a local SMTP server (lib/testing/smtp-sink.ts). getCurrentUser() is
// mocked (it needs a Next request); next/server's after() runs its task at once and keeps its promise here.
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

import { moderateCommentAction } from "@/lib/actions/moderation";
import { createCommentAction, editCommentAction } from "@/lib/actions/comments";
import type { ActionState } from "@/lib/action-state";
import { db } from "@/lib/db";
import * as logger from "@/lib/logger";
import { countUnreadNotifications, getNotifications } from "@/lib/queries/notifications";
import { createTestComment, createTestModerator, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { emailNotificationsAction, markAllNotificationsReadAction, openNotificationAction } from "@/lib/actions/notifications";

type Result = ActionState & { redirectedTo?: string };

/**
 * Runs a server action; redirect() throws NEXT_REDIRECT, which is read here as where it went. The notifications
 * are made after the response (after()): `call` returns once the action answered, `settle` once that work is done.
 */
async function call(action: (...args: never[]) => Promise<unknown>, fields: Record<string, string>, withState = true): Promise<Result> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  try {
    const args = (withState ? [{ ok: true }, form] : [form]) as never[];
    return ((await action(...args)) as ActionState | undefined) ?? { ok: true };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { ok: true, redirectedTo: digest.split(";")[2] };
    throw error;
  }
}

/** `call`, then the work it left for after the response. */
async function callAndSettle(...args: Parameters<typeof call>): Promise<Result> {
  const result = await call(...args);
  await settle();
  return result;
}

const as = async (user: { id: string } | null) => {
  session.user = user && (await currentUserFor(user.id));
};

async function settle() {
  await Promise.all(background.tasks.splice(0));
}

let threadId: string;
let ada: { id: string };
let grace: { id: string };
let adaEmail: string;

beforeAll(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
});

beforeEach(async () => {
  ada = await createTestUser("Ada Lovelace");
  grace = await createTestUser("Grace Hopper");
  adaEmail = (await db.user.findUniqueOrThrow({ where: { id: ada.id }, select: { email: true } })).email!;
  await settle();
  sink.messages.length = 0;
});

afterAll(async () => {
  await settle();
  await sink.close();
});

async function adaComment() {
  return (await createTestComment({ threadId, authorId: ada.id, body: "Sparks Good is mostly PR." })).id;
}

describe("posting a reply", () => {
  it("notifies the parent's author and emails them the permalink", async () => {
    const parentId = await adaComment();
    await as(grace);
    const result = await callAndSettle(createCommentAction, { threadId, parentId, body: "I disagree: the *shops* are real.\n\nAsk them." });
    expect(await countUnreadNotifications(ada.id)).toBe(1);
    await settle();

    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual([adaEmail]);
    expect(mail!.from).toBe("notifications@agora.example.test");
    expect(mail!.subject).toBe("Grace Hopper replied to your comment on “Point 1”");
    expect(mail!.text).toContain("> I disagree: the shops are real. Ask them.");
    // The permalink the poster was sent to, on the public URL.
    expect(result.redirectedTo).toContain(`/t/${threadId}`);
    expect(mail!.text).toContain(`Read it and reply: https://agora.example.test${result.redirectedTo}\n`);
    expect(mail!.text).toContain("https://agora.example.test/notifications");
    expect(mail!.headers["content-type"]).toMatch(/^text\/plain/);
  });

  it("neither notifies nor emails the author of their own reply", async () => {
    const parentId = await adaComment();
    await as(ada);
    await callAndSettle(createCommentAction, { threadId, parentId, body: "Replying to myself" });
    await settle();
    expect(await countUnreadNotifications(ada.id)).toBe(0);
    expect(sink.messages).toEqual([]);
  });

  it("does not email a member who turned emails off, but still notifies them", async () => {
    const parentId = await adaComment();
    await as(ada);
    expect(await call(emailNotificationsAction, {})).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: ada.id } })).emailNotifications).toBe(false);
    await as(grace);
    await callAndSettle(createCommentAction, { threadId, parentId, body: "A reply" });
    await settle();
    expect(await countUnreadNotifications(ada.id)).toBe(1);
    expect(sink.messages).toEqual([]);

    await as(ada);
    await call(emailNotificationsAction, { emailNotifications: "on" });
    expect((await db.user.findUniqueOrThrow({ where: { id: ada.id } })).emailNotifications).toBe(true);
  });

  it("still posts, and logs, when the SMTP server refuses the message", async () => {
    const parentId = await adaComment();
    const logged = vi.spyOn(logger, "log");
    sink.refuseWith = "554 5.3.4 Message refused";
    try {
      await as(grace);
      const result = await callAndSettle(createCommentAction, { threadId, parentId, body: "A reply the mail server chokes on" });
      expect(result.redirectedTo).toMatch(new RegExp(`^/t/${threadId}\\b.*#c-`));
      await settle();
      expect(logged).toHaveBeenCalledWith("error", "notification email failed", expect.objectContaining({ notificationId: expect.any(String) }));
      expect(sink.messages).toEqual([]);
    } finally {
      sink.refuseWith = null;
      logged.mockRestore();
    }
  });
});

describe("mentions", () => {
  it("a mention added by an edit notifies once; editing again does not notify again", async () => {
    await adaComment();
    await as(grace);
    const posted = await callAndSettle(createCommentAction, { threadId, body: "No mention yet" });
    const commentId = posted.redirectedTo!.split("#c-")[1]!;
    expect(await countUnreadNotifications(ada.id)).toBe(0);
    await callAndSettle(editCommentAction, { commentId, body: "What does @AdaLovelace think?" });
    await callAndSettle(editCommentAction, { commentId, body: "What does @adalovelace think, really?" });
    await settle();
    expect((await getNotifications(ada.id)).notifications.map((n) => n.kind)).toEqual(["mention"]);
    const mails = await sink.waitFor(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Grace Hopper mentioned you on “Point 1”");
  });
});

describe("moderation", () => {
  it("a held reply notifies when a moderator approves it", async () => {
    const parentId = await adaComment();
    const held = await createTestComment({ threadId, authorId: grace.id, parentId, status: "pending", body: "Held for review" });
    expect(await countUnreadNotifications(ada.id)).toBe(0);
    await as(await createTestModerator());
    expect(await callAndSettle(moderateCommentAction, { commentId: held.id, kind: "approve" })).toMatchObject({ ok: true });
    expect(await countUnreadNotifications(ada.id)).toBe(1);
  });
});

describe("the notification actions", () => {
  it("opening a notification marks it read and goes to the comment; someone else's goes nowhere", async () => {
    const parentId = await adaComment();
    await as(grace);
    const reply = await callAndSettle(createCommentAction, { threadId, parentId, body: "A reply" });
    const [notification] = (await getNotifications(ada.id)).notifications;

    expect(await call(openNotificationAction, { notificationId: notification!.id }, false)).toEqual({ ok: true, redirectedTo: "/notifications" });
    expect(await countUnreadNotifications(ada.id)).toBe(1);

    await as(ada);
    expect(await call(openNotificationAction, { notificationId: notification!.id }, false)).toEqual({ ok: true, redirectedTo: reply.redirectedTo });
    expect(await countUnreadNotifications(ada.id)).toBe(0);
  });

  it("mark all as read clears the count; signed out, the actions send you to sign in", async () => {
    const parentId = await adaComment();
    await as(grace);
    await callAndSettle(createCommentAction, { threadId, parentId, body: "One" });
    await callAndSettle(createCommentAction, { threadId, parentId, body: "Two" });
    await as(null);
    expect(await call(markAllNotificationsReadAction, {}, false)).toEqual({ ok: true, redirectedTo: "/signin?callbackUrl=%2Fnotifications" });
    expect(await countUnreadNotifications(ada.id)).toBe(2);
    await as(ada);
    await call(markAllNotificationsReadAction, {}, false);
    expect(await countUnreadNotifications(ada.id)).toBe(0);
  });
});
