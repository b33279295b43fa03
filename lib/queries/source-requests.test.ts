import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/current-user";
import { db } from "@/lib/db";
import { answersSourceRequest } from "@/lib/sources";
import { createTestComment, createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { editComment } from "./comment-writes";
import { countUnreadNotifications, getNotifications } from "./notifications";
import { requestSource, SourceRequestError, withdrawSourceRequest } from "./source-requests";
import { getCommentPage } from "./thread-page";

let threadId: string;
let lockedThreadId: string;
let author: CurrentUser;
let asker: CurrentUser;
let second: CurrentUser;
let suspended: CurrentUser;

beforeAll(async () => {
  [threadId, lockedThreadId] = (await createTestThreads(2)) as [string, string];
  await db.thread.update({ where: { id: lockedThreadId }, data: { locked: true } });
  author = await currentUserFor((await createTestUser("Author")).id);
  asker = await currentUserFor((await createTestUser("Asker")).id);
  second = await currentUserFor((await createTestUser("Second")).id);
  suspended = await currentUserFor((await createTestUser("Suspended", { suspended: "permanent" })).id);
});

const comment = (
  body = "A claim without a source",
  extra: { status?: "visible" | "hidden" | "removed" | "pending"; deletedAt?: Date; threadId?: string } = {},
) => createTestComment({ threadId: extra.threadId ?? threadId, authorId: author.id, body, status: extra.status, deletedAt: extra.deletedAt }).then((c) => c.id);

/** The requests for a source on a comment, as its page reads them (with the comments, lib/queries/comment-windows.ts). */
const requestsOn = async (commentId: string, viewer: CurrentUser | null) => (await getCommentPage(threadId, commentId, viewer))!.sourceRequests.get(commentId);

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof SourceRequestError ? error.message : error),
  );

describe("requestSource", () => {
  it("records the request and notifies the author once, however often and by however many it is asked", async () => {
    const id = await comment();
    const first = await requestSource({ commentId: id, requester: asker });
    expect(first.added).toBe(true);
    expect(first.notificationId).toBeTruthy();

    const again = await requestSource({ commentId: id, requester: asker });
    expect(again).toMatchObject({ added: false, notificationId: null });
    const other = await requestSource({ commentId: id, requester: second });
    expect(other).toMatchObject({ added: true, notificationId: null });

    expect(await db.sourceRequest.count({ where: { commentId: id } })).toBe(2);
    const notifications = await db.notification.findMany({ where: { commentId: id } });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ recipientId: author.id, kind: "source_request", readAt: null });

    expect(await requestsOn(id, second)).toMatchObject({ count: 2, requestedByViewer: true });
    expect((await requestsOn(id, author))?.requestedByViewer).toBe(false);
    expect((await requestsOn(id, null))?.count).toBe(2);
  });

  it("shows the author the notification in their list and in the unread count", async () => {
    const before = await countUnreadNotifications(author.id);
    const id = await comment("Notify me");
    await requestSource({ commentId: id, requester: asker });
    expect(await countUnreadNotifications(author.id)).toBe(before + 1);
    const { notifications } = await getNotifications(author.id);
    expect(notifications.find((n) => n.comment.id === id)).toMatchObject({ kind: "source_request", comment: { thread: { title: "Point 1" } } });
  });

  it("refuses the author's own comment, hidden, removed, deleted and others' pending comments, locked threads and suspended members", async () => {
    const own = await comment();
    expect(await refusal(requestSource({ commentId: own, requester: author }))).toBe("You cannot ask for a source for your own comment.");
    expect(await refusal(requestSource({ commentId: await comment("x", { status: "hidden" }), requester: asker }))).toBe("That comment cannot be flagged.");
    expect(await refusal(requestSource({ commentId: await comment("x", { status: "removed" }), requester: asker }))).toBe("That comment cannot be flagged.");
    expect(await refusal(requestSource({ commentId: await comment("x", { status: "pending" }), requester: asker }))).toBe("That comment does not exist.");
    expect(await refusal(requestSource({ commentId: await comment("x", { deletedAt: new Date() }), requester: asker }))).toBe("That comment does not exist.");
    expect(await refusal(requestSource({ commentId: "nosuchcomment", requester: asker }))).toBe("That comment does not exist.");
    expect(await refusal(requestSource({ commentId: await comment("x", { threadId: lockedThreadId }), requester: asker }))).toBe(
      "This thread is locked: no new requests.",
    );
    expect(await refusal(requestSource({ commentId: own, requester: suspended }))).toBe("That comment cannot be flagged.");
    expect(await db.sourceRequest.count({ where: { commentId: own } })).toBe(0);
    expect(await db.notification.count({ where: { commentId: own } })).toBe(0);
  });
});

describe("withdrawSourceRequest", () => {
  it("takes back only the member's own request, and refuses when there is none", async () => {
    const id = await comment();
    await requestSource({ commentId: id, requester: asker });
    await requestSource({ commentId: id, requester: second });
    await withdrawSourceRequest({ commentId: id, requesterId: asker.id });
    expect((await db.sourceRequest.findMany({ where: { commentId: id } })).map((row) => row.requesterId)).toEqual([second.id]);
    expect(await refusal(withdrawSourceRequest({ commentId: id, requesterId: asker.id }))).toBe("You have not asked for a source for that comment.");
    expect(await refusal(withdrawSourceRequest({ commentId: id, requesterId: author.id }))).toBe("You have not asked for a source for that comment.");
  });
});

describe("answered requests", () => {
  it("count as answered once the author edits a link in after the latest request", async () => {
    const id = await comment("Trust me.");
    await requestSource({ commentId: id, requester: asker });
    const summary = (await requestsOn(id, null))!;
    const stored = await db.sourceRequest.findFirstOrThrow({ where: { commentId: id }, select: { createdAt: true } });
    // Read back as the same instant on both databases (SQLite's computed MAX is text, PostgreSQL's a timestamp).
    expect(summary.latestAt.toISOString()).toBe(stored.createdAt.toISOString());
    const unanswered = await db.comment.findUniqueOrThrow({ where: { id }, select: { body: true, editedAt: true } });
    expect(answersSourceRequest(unanswered, summary.latestAt)).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await editComment({ commentId: id, author, body: "Trust me: [the survey](https://example.org/survey)." });
    const edited = await db.comment.findUniqueOrThrow({ where: { id }, select: { body: true, editedAt: true } });
    expect(answersSourceRequest(edited, summary.latestAt)).toBe(true);
  });

  it("do not count as answered by a link that was there before the request, nor by an edit without one", async () => {
    const linked = await comment("See https://example.org/old");
    await requestSource({ commentId: linked, requester: asker });
    const summary = (await requestsOn(linked, null))!;
    expect(answersSourceRequest(await db.comment.findUniqueOrThrow({ where: { id: linked } }), summary.latestAt)).toBe(false);

    const plain = await comment("No link");
    await requestSource({ commentId: plain, requester: asker });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await editComment({ commentId: plain, author, body: "Still no link, just more words." });
    const latest = (await requestsOn(plain, null))!.latestAt;
    expect(answersSourceRequest(await db.comment.findUniqueOrThrow({ where: { id: plain } }), latest)).toBe(false);
  });
});
