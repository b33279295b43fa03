import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { renderMarkdown } from "@/lib/markdown";
import { parseUnmatchedMentions, withUnmatchedMentions } from "@/lib/mentions";
import { createTestThreads, currentUserFor } from "@/lib/testing/factories";
import { createComment, editComment } from "./comment-writes";
import { MENTION_SUGGESTIONS, mentionSuggestions, resolveMentions, unmatchedMentions } from "./mentions";
import { notifyAboutComment } from "./notifications";
import { createUserWithPassword } from "./users";

const member = (name: string) => createUserWithPassword({ name, email: `${crypto.randomUUID()}@example.test`, passwordHash: "x" });
let threadId: string;
let ada: { id: string };
let poster: Awaited<ReturnType<typeof currentUserFor>>;

beforeAll(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  ada = await member("Ada Lovelace");
  poster = await currentUserFor((await member("Poster")).id);
});

describe("mentions are links to the member's page", () => {
  it("stores a mention of a member as a link, in any case or look-alike letters, and leaves a name that matches nobody as text", async () => {
    const comment = await createComment({ threadId, author: poster, body: "Thanks @AdaLovelace, @\u0430da.lovelace and @nobody-here." });
    const { bodyHtml } = await db.comment.findUniqueOrThrow({ where: { id: comment.id }, select: { bodyHtml: true } });
    expect(bodyHtml).toContain(`<a href="/u/${ada.id}" class="mention">@AdaLovelace</a>`);
    expect(bodyHtml).toContain(`<a href="/u/${ada.id}" class="mention">@\u0430da.lovelace</a>`);
    expect(bodyHtml).toContain("@nobody-here.");
    expect(bodyHtml).not.toContain('nofollow" class="mention');
    expect(await unmatchedMentions("Thanks @AdaLovelace, @\u0430da.lovelace and @nobody-here.")).toEqual(["nobody-here"]);
  });

  it("does not link a mention in code, in a link's text or in an email address", async () => {
    const mentions = await resolveMentions(["@AdaLovelace"]);
    const html = renderMarkdown("`@AdaLovelace` and [@AdaLovelace](https://example.com) and ada@AdaLovelace.org\n\n    @AdaLovelace", { mentions });
    expect(html).not.toContain('class="mention"');
  });

  it("notifies a mentioned member who has never commented in the thread", async () => {
    const comment = await createComment({ threadId, author: poster, body: "What do you think, @ada_lovelace?" });
    expect(await notifyAboutComment(comment.id)).toHaveLength(1);
    expect(await db.notification.findFirst({ where: { commentId: comment.id }, select: { recipientId: true, kind: true } })).toEqual({
      recipientId: ada.id,
      kind: "mention",
    });
  });
});

describe("the ten-mention cap holds over a comment's whole life", () => {
  it("an edit naming ten others notifies nobody new once ten were notified", async () => {
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => member(`Capped Person ${String.fromCharCode(97 + i)}`)));
    const handle = (i: number) => `@CappedPerson${String.fromCharCode(97 + i)}`;
    const comment = await createComment({
      threadId,
      author: poster,
      body: people
        .slice(0, 10)
        .map((_, i) => handle(i))
        .join(" "),
    });
    expect(await notifyAboutComment(comment.id)).toHaveLength(10);
    await editComment({
      commentId: comment.id,
      author: poster,
      body: people
        .slice(10)
        .map((_, i) => handle(i + 10))
        .join(" "),
    });
    expect(await notifyAboutComment(comment.id)).toHaveLength(0);
    expect(await db.notification.count({ where: { commentId: comment.id } })).toBe(10);
    // The edited body still links the names it holds.
    const { bodyHtml } = await db.comment.findUniqueOrThrow({ where: { id: comment.id }, select: { bodyHtml: true } });
    expect(bodyHtml).toContain(`href="/u/${people[15]!.id}"`);
  });

  it("an edit may still use what is left of the cap", async () => {
    const people = await Promise.all(Array.from({ length: 4 }, (_, i) => member(`Spare Person ${String.fromCharCode(97 + i)}`)));
    const comment = await createComment({ threadId, author: poster, body: "@SparePersona @SparePersonb" });
    expect(await notifyAboutComment(comment.id)).toHaveLength(2);
    await editComment({ commentId: comment.id, author: poster, body: "@SparePersonc @SparePersond" });
    expect((await notifyAboutComment(comment.id)).length).toBe(2);
    expect(people).toHaveLength(4);
  });
});

describe("the unmatched-names notice", () => {
  it("carries the handles in the comment's href, before its fragment", () => {
    expect(withUnmatchedMentions("/t/x?at=c#c-c", ["bob", "zoë"])).toBe("/t/x?at=c&unmatched=bob%20zo%C3%AB#c-c");
    expect(withUnmatchedMentions("/t/x/c/c#c-c", ["bob"])).toBe("/t/x/c/c?unmatched=bob#c-c");
    expect(withUnmatchedMentions("/t/x/c/c#c-c", [])).toBe("/t/x/c/c#c-c");
  });
  it("shows only what a handle can be", () => {
    expect(parseUnmatchedMentions("bob zoë")).toEqual(["bob", "zoë"]);
    expect(parseUnmatchedMentions("<script> bob")).toEqual(["bob"]);
    expect(parseUnmatchedMentions(["bob"])).toEqual([]);
  });
});

describe("the @mention autocomplete's suggestions", () => {
  const viewer = { id: "" };
  let grace: { id: string };
  let graham: { id: string };
  let gretaFromElsewhere: { id: string };
  let suggestThread: string;
  beforeAll(async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    [suggestThread] = (await createTestThreads(1)) as [string];
    viewer.id = (await member(`Zviewer ${tag}`)).id;
    gretaFromElsewhere = await member(`Gr${tag} Anderson`);
    grace = await member(`Gr${tag} Hopper`);
    graham = await member(`Gr${tag} Bell`);
    await createComment({ threadId: suggestThread, author: await currentUserFor(graham.id), body: "First." });
    await createComment({ threadId: suggestThread, author: await currentUserFor(grace.id), body: "Second." });
    await createComment({ threadId: suggestThread, author: await currentUserFor(viewer.id), body: "Mine." });
  });
  const names = (rows: { name: string }[]) => rows.map((row) => row.name.split(" ")[1]);

  it("offers the thread's participants first, latest first, then everyone else; never the asker", async () => {
    const prefix = (await db.user.findUniqueOrThrow({ where: { id: grace.id } })).name!.slice(0, 8);
    const rows = await mentionSuggestions({ prefix, threadId: suggestThread, viewerId: viewer.id });
    expect(names(rows)).toEqual(["Hopper", "Bell", "Anderson"]);
    expect(rows.map((row) => row.participant)).toEqual([true, true, false]);
    expect(rows.map((row) => row.id)).toEqual([grace.id, graham.id, gretaFromElsewhere.id]);
    // Outside a thread (an edit's form without one): everyone, by name.
    expect(names(await mentionSuggestions({ prefix, viewerId: viewer.id }))).toEqual(["Anderson", "Bell", "Hopper"]);
  });

  it("matches as mentions do: any case, spaces left out, look-alike letters; a longer prefix narrows", async () => {
    const name = (await db.user.findUniqueOrThrow({ where: { id: grace.id } })).name!;
    const handle = name.replace(/ /g, "").toUpperCase();
    expect(names(await mentionSuggestions({ prefix: handle, threadId: suggestThread, viewerId: viewer.id }))).toEqual(["Hopper"]);
    expect(names(await mentionSuggestions({ prefix: handle.replace("O", "\u041e"), viewerId: viewer.id }))).toEqual(["Hopper"]);
    expect(await mentionSuggestions({ prefix: `${handle}x`, viewerId: viewer.id })).toEqual([]);
    expect(await mentionSuggestions({ prefix: "", viewerId: viewer.id })).toEqual([]);
    expect(await mentionSuggestions({ prefix: "...", viewerId: viewer.id })).toEqual([]);
  });

  it("leaves out deleted accounts and offers at most eight names", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const gone = await member(`Del${tag} Gone`);
    await db.user.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    expect(await mentionSuggestions({ prefix: `Del${tag}`, viewerId: viewer.id })).toEqual([]);
    for (let i = 0; i < MENTION_SUGGESTIONS + 2; i += 1) await member(`Many${tag} ${i}`);
    expect(await mentionSuggestions({ prefix: `many${tag}`, viewerId: viewer.id })).toHaveLength(MENTION_SUGGESTIONS);
  });
});
