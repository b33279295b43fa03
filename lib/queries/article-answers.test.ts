// Articles that answer articles: the editors' writes (setArticleAnswers, setPointAnswers) and what readers see
// (getPointLinks, getArticleAnswerLinks), on the real database.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { parseArticleText } from "@/lib/article-import";
import { db, executedQueryCount } from "@/lib/db";
import { createTestUser } from "@/lib/testing/factories";
import { getArticleAnswerLinks, getPointLinks } from "./article-answers";
import { createDraftArticle, EditorError, publishArticle, setArticleAnswers, setPointAnswers } from "./editor";

const TEXT = `# Title

## First claim

The first claim of the article, in its own words.

## Second claim

The second claim of the article, in its own words.`;

let editorId: string;

async function article(title: string, { publish = true } = {}) {
  const seed = { ...parseArticleText(TEXT, { slug: `answers-${randomUUID()}`, source: "Test" }), title };
  const { id } = await createDraftArticle({ editorId, seed });
  if (publish) await publishArticle({ editorId, articleId: id });
  const points = (await db.thread.findMany({ where: { articleId: id }, orderBy: { position: "asc" }, select: { id: true } })).map((row) => row.id);
  return { id, points: points as [string, string] };
}

beforeEach(async () => {
  editorId = (await createTestUser(`Editor ${randomUUID().slice(0, 8)}`, { role: "editor" })).id;
});

describe("marking an article as an answer", () => {
  it("records a rebuttal of a published article, and logs it", async () => {
    const original = await article("The original");
    const rebuttal = await article("The rebuttal", { publish: false });
    await setArticleAnswers({ editorId, articleId: rebuttal.id, answersId: original.id, kind: "rebuttal" });
    expect(await db.article.findUniqueOrThrow({ where: { id: rebuttal.id } })).toMatchObject({ answersId: original.id, answerKind: "rebuttal" });
    expect(await db.moderationLog.count({ where: { action: "mark_answer", targetId: rebuttal.id } })).toBe(1);
  });

  it("refuses itself, a draft, an unknown article, two articles answering each other, and a missing kind", async () => {
    const original = await article("The original");
    const other = await article("Another");
    const draft = await article("A draft", { publish: false });
    const refusals: [Parameters<typeof setArticleAnswers>[0], string][] = [
      [{ editorId, articleId: other.id, answersId: other.id, kind: "rebuttal" }, "An article cannot answer itself."],
      [{ editorId, articleId: other.id, answersId: draft.id, kind: "rebuttal" }, "Choose a published article for this one to answer."],
      [{ editorId, articleId: other.id, answersId: "nosucharticle", kind: "rebuttal" }, "Choose a published article for this one to answer."],
      [{ editorId, articleId: other.id, answersId: original.id, kind: null }, "Say whether this article is a rebuttal or a follow-up."],
    ];
    for (const [input, message] of refusals) await expect(setArticleAnswers(input)).rejects.toThrow(message);
    await setArticleAnswers({ editorId, articleId: other.id, answersId: original.id, kind: "follow_up" });
    await expect(setArticleAnswers({ editorId, articleId: original.id, answersId: other.id, kind: "rebuttal" })).rejects.toThrow(
      /two articles cannot answer each other/,
    );
    expect(await db.article.findUniqueOrThrow({ where: { id: original.id } })).toMatchObject({ answersId: null, answerKind: null });
  });
});

describe("linking points", () => {
  it("links a point to points of the article it answers only, replacing its links each time", async () => {
    const original = await article("The original");
    const unrelated = await article("Unrelated");
    const answer = await article("The answer");
    await setArticleAnswers({ editorId, articleId: answer.id, answersId: original.id, kind: "rebuttal" });

    await expect(setPointAnswers({ editorId, articleId: answer.id, threadId: answer.points[0], answersThreadIds: [unrelated.points[0]] })).rejects.toThrow(
      EditorError,
    );
    await expect(setPointAnswers({ editorId, articleId: answer.id, threadId: original.points[0], answersThreadIds: [original.points[1]] })).rejects.toThrow(
      "That point does not exist.",
    );
    expect(await db.pointAnswer.count({ where: { threadId: { in: answer.points } } })).toBe(0);

    await setPointAnswers({ editorId, articleId: answer.id, threadId: answer.points[0], answersThreadIds: original.points });
    await setPointAnswers({ editorId, articleId: answer.id, threadId: answer.points[0], answersThreadIds: [original.points[1]] });
    expect(await db.pointAnswer.findMany({ where: { threadId: answer.points[0] }, select: { answersThreadId: true } })).toEqual([
      { answersThreadId: original.points[1] },
    ]);
  });

  it("drops the point links when the article answers another article instead", async () => {
    const original = await article("The original");
    const other = await article("Another");
    const answer = await article("The answer");
    await setArticleAnswers({ editorId, articleId: answer.id, answersId: original.id, kind: "rebuttal" });
    await setPointAnswers({ editorId, articleId: answer.id, threadId: answer.points[0], answersThreadIds: [original.points[0]] });
    await setArticleAnswers({ editorId, articleId: answer.id, answersId: other.id, kind: "follow_up" });
    expect(await db.pointAnswer.count({ where: { threadId: { in: answer.points } } })).toBe(0);
  });

  it("refuses links before the article says which one it answers", async () => {
    const original = await article("The original");
    const answer = await article("The answer");
    await expect(setPointAnswers({ editorId, articleId: answer.id, threadId: answer.points[0], answersThreadIds: [original.points[0]] })).rejects.toThrow(
      "First say which earlier article this one answers.",
    );
  });
});

describe("what readers see", () => {
  it("shows the link both ways once the answering article is published, and nothing while it is a draft", async () => {
    const original = await article("The original");
    const answer = await article("The answer", { publish: false });
    await setArticleAnswers({ editorId, articleId: answer.id, answersId: original.id, kind: "rebuttal" });
    await setPointAnswers({ editorId, articleId: answer.id, threadId: answer.points[1], answersThreadIds: [original.points[0]] });

    expect((await getPointLinks([original.points[0]])).size).toBe(0);
    expect((await getArticleAnswerLinks(original.id)).answeredBy).toEqual([]);

    await publishArticle({ editorId, articleId: answer.id });
    const earlier = (await getPointLinks([original.points[0], original.points[1]])).get(original.points[0])!;
    expect(earlier.answers).toEqual([]);
    expect(earlier.answeredIn).toEqual([
      expect.objectContaining({ threadId: answer.points[1], title: "Second claim", articleTitle: "The answer", kind: "rebuttal" }),
    ]);
    const later = (await getPointLinks([answer.points[1]])).get(answer.points[1])!;
    expect(later.answers).toEqual([expect.objectContaining({ threadId: original.points[0], title: "First claim", articleTitle: "The original" })]);

    expect(await getArticleAnswerLinks(answer.id)).toMatchObject({ answers: { title: "The original", kind: "rebuttal" }, answeredBy: [] });

    // Every thread page asks: a point without links costs one statement, linked points three, whatever their number.
    const before = executedQueryCount();
    expect((await getPointLinks([answer.points[0]])).size).toBe(0);
    expect(executedQueryCount() - before).toBe(1);
    const linked = executedQueryCount();
    await getPointLinks([original.points[0], original.points[1], answer.points[1]]);
    expect(executedQueryCount() - linked).toBe(3);
    expect((await getArticleAnswerLinks(original.id)).answeredBy).toEqual([expect.objectContaining({ title: "The answer", answerKind: "rebuttal" })]);
  });
});
