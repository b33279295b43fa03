import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { HighlightedText } from "@/components/highlighted-text";
import { db } from "@/lib/db";
import { createComment, deleteComment, editComment } from "@/lib/queries/comment-writes";
import { moderateComment } from "@/lib/queries/moderation";
import { MATCH_END, MATCH_START } from "@/lib/search-highlight";
import { createTestComment, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { testDatabaseKind } from "@/lib/testing/postgres";
import { SEARCH_PAGE_SIZE, searchForum } from "./search";

const onSqlite = testDatabaseKind() === "sqlite";
const marked = (text: string) => `${MATCH_START}${text}${MATCH_END}`;

let threadId: string;
let author: { id: string; role: "member" | "moderator" | "editor" | "admin" };
let moderatorId: string;
// Each test searches for words of its own, so the tests share one database without seeing each other's rows.
let sequence = 0;
const word = (stem: string) => `${stem}${(sequence += 1).toString(36)}x${Math.random().toString(36).slice(2, 7)}`;

beforeAll(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  author = await createTestUser("Searcher");
  moderatorId = (await createTestModerator()).id;
});

const post = (body: string, parentId?: string) => createComment({ threadId, parentId, author, body });
const foundIds = async (query: string) => (await searchForum(query)).comments.map((hit) => hit.id);

describe("searchForum on comments", () => {
  it("finds a comment by any of its words, the match marked in a snippet, with its author and thread", async () => {
    const term = word("pangolin");
    const comment = await post(`The campaign is mostly PR about the ${term}, but the shops in it are real.`);
    const { comments } = await searchForum(term.toUpperCase());
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ id: comment.id, threadId, threadTitle: "Point 1", depth: 0, author: { id: author.id, name: "Searcher" } });
    expect(comments[0]!.snippet).toContain(marked(term));
    expect(comments[0]!.snippet).toContain("The campaign is mostly PR");
  });

  it("requires every word, and quoted words together", async () => {
    const [a, b] = [word("ocelot"), word("quokka")];
    const both = await post(`${a} ${b}`);
    const apart = await post(`${b} and then ${a}`);
    const onlyA = await post(`${a} alone`);
    expect((await foundIds(`${a} ${b}`)).sort()).toEqual([both.id, apart.id].sort());
    expect(await foundIds(`"${a} ${b}"`)).toEqual([both.id]);
    expect((await foundIds(a)).sort()).toEqual([both.id, apart.id, onlyA.id].sort());
  });

  it("matches other forms of a word (stemming)", async () => {
    const stem = word("zorb");
    const comment = await post(`They keep ${stem} sharing our data`);
    expect(await foundIds(`${stem} shared`)).toEqual([comment.id]);
    expect(await foundIds(`${stem} shares`)).toEqual([comment.id]);
  });

  it("ranks the more relevant comment first", async () => {
    const term = word("narwhal");
    const passing = await post(
      `A long comment that mentions ${term} once, among very many other words about the campaign, the ban, the shops, the regulators and the teens.`,
    );
    const focused = await post(`${term}! The ${term} question is the ${term}.`);
    expect(await foundIds(term)).toEqual([focused.id, passing.id]);
  });

  it("never finds a comment that is hidden, removed, pending or deleted, for anyone", async () => {
    const term = word("axolotl");
    const visible = await post(`${term} visible`);
    const toHide = await post(`${term} to hide`);
    const toRemove = await post(`${term} to remove`);
    const toDelete = await post(`${term} to delete`);
    await createTestComment({ threadId, authorId: author.id, status: "pending", body: `${term} pending` });
    await moderateComment({ moderatorId, commentId: toHide.id, kind: "hide", reason: "Off topic" });
    await moderateComment({ moderatorId, commentId: toRemove.id, kind: "remove", reason: "Abuse" });
    await deleteComment({ commentId: toDelete.id, authorId: author.id });
    expect(await foundIds(term)).toEqual([visible.id]);

    await moderateComment({ moderatorId, commentId: toHide.id, kind: "restore" });
    expect((await foundIds(term)).sort()).toEqual([visible.id, toHide.id].sort());
  });

  it("finds an edited comment by its new words only", async () => {
    const [before, after] = [word("tapir"), word("okapi")];
    const comment = await post(`first draft ${before}`);
    await editComment({ commentId: comment.id, author, body: `second draft ${after}` });
    expect(await foundIds(before)).toEqual([]);
    expect(await foundIds(after)).toEqual([comment.id]);
  });

  it("finds a reply as well as a top-level comment", async () => {
    const term = word("quetzal");
    const parent = await post(`parent ${term}`);
    const reply = await post(`reply ${term}`, parent.id);
    const hits = (await searchForum(term)).comments;
    expect(hits.map((hit) => hit.id).sort()).toEqual([parent.id, reply.id].sort());
    expect(hits.find((hit) => hit.id === reply.id)?.depth).toBe(1);
  });

  it("pages through many results without repeating or skipping one", async () => {
    const term = word("gecko");
    const ids = [];
    for (let i = 0; i < SEARCH_PAGE_SIZE + 5; i++) ids.push((await createTestComment({ threadId, authorId: author.id, body: `${term} number ${i}` })).id);
    const first = await searchForum(term);
    expect(first.comments).toHaveLength(SEARCH_PAGE_SIZE);
    expect(first.nextCursor).toBe(String(SEARCH_PAGE_SIZE));
    const second = await searchForum(term, { cursor: first.nextCursor });
    expect(second.comments).toHaveLength(5);
    expect(second.nextCursor).toBeUndefined();
    expect(second.threads).toEqual([]);
    expect([...first.comments, ...second.comments].map((hit) => hit.id).sort()).toEqual(ids.sort());
    // A cursor that is not a number is the first page, not an error.
    expect((await searchForum(term, { cursor: "'; DROP TABLE x" })).comments).toHaveLength(SEARCH_PAGE_SIZE);
  });

  it("returns HTML in a comment as text, which the page shows escaped around the only <mark>", async () => {
    const term = word("kinkajou");
    await post(`<script>alert(1)</script> <mark>${term}</mark> <img src=x onerror=alert(1)> & more`);
    const [hit] = (await searchForum(term)).comments;
    expect(hit!.snippet).toContain(marked(term));
    // FTS5 returns the body's text as it is; PostgreSQL's parser may leave out some tags, never adds any.
    if (onSqlite) expect(hit!.snippet).toContain("<script>alert(1)</script>");
    const html = renderToStaticMarkup(createElement(HighlightedText, { text: hit!.snippet }));
    expect(html.match(/<[a-z]+/g)).toEqual(["<mark"]);
    expect(html).toContain(`<mark>${term}</mark>`);
  });
});

describe("searchForum on threads", () => {
  it("finds a thread by its title, summary or the article's excerpt, the title's match marked", async () => {
    const [title, summary, excerpt] = [word("wombat"), word("dingo"), word("emu")];
    const [id] = (await createTestThreads(1)) as [string];
    await db.thread.update({ where: { id }, data: { title: `The ${title} point`, summary: `What the ${summary} says`, excerpt: `In the ${excerpt} words` } });

    const byTitle = await searchForum(title);
    expect(byTitle.threads).toMatchObject([{ id, position: 1, articleTitle: "Test article", title: `The ${marked(title)} point` }]);
    // The fragment around the match (PostgreSQL's ts_headline may trim a short word at either end).
    const [bySummary] = (await searchForum(summary)).threads;
    expect(bySummary).toMatchObject({ id, title: `The ${title} point` });
    expect(bySummary!.context).toContain(`${marked(summary)} says`);
    const [byExcerpt] = (await searchForum(excerpt)).threads;
    expect(byExcerpt!.context).toContain(`${marked(excerpt)} words`);
  });
});

describe("searchForum on what a visitor may type", () => {
  it.each(["", "   ", "***", '""', "- ^ :"])("%j runs no search and finds nothing", async (query) => {
    const results = await searchForum(query);
    expect(results.parsed.kind).not.toBe("terms");
    expect(results.comments).toEqual([]);
  });

  it("refuses a query over 200 characters", async () => {
    expect((await searchForum("a".repeat(201))).parsed).toEqual({ kind: "too_long", length: 201 });
  });

  it("reads FTS5 and tsquery operators as words", async () => {
    const term = word("civet");
    const comment = await post(`near ${term} by the border, and or not`);
    expect(await foundIds(`NEAR(${term}`)).toEqual([comment.id]);
    expect(await foundIds(`${term} OR`)).toEqual([comment.id]);
    expect(await foundIds(`-${term}*`)).toEqual([comment.id]);
    expect(await foundIds(`"${term} near`)).toEqual([comment.id]);
  });

  it("answers any text without an error", async () => {
    const hostile = [
      '"',
      '"unbalanced quote',
      "NEAR(a b, 2)",
      "a AND",
      "OR",
      "NOT",
      "*",
      "col:value",
      "^start",
      "{a b}",
      "a & b | !c <-> d",
      '\'; DROP TABLE "Comment"; --',
      "\\",
      "%_",
      "emoji 🦊 and \u0000 nul",
      "\uE000marker\uE001",
    ];
    for (const query of hostile) await expect(searchForum(query), query).resolves.toBeDefined();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 60 }), async (query) => {
        await searchForum(query);
      }),
      { numRuns: 40 },
    );
  });
});

describe.skipIf(!onSqlite)("the SQLite search index", () => {
  const MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");
  const folders = readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const searchMigration = folders.findIndex((folder) => readFileSync(path.join(MIGRATIONS, folder, "migration.sql"), "utf8").includes("comment_search"));

  function migratedFile(upTo: number, seed?: (sqlite: Database.Database) => void) {
    const dir = mkdtempSync(path.join(tmpdir(), "agora-search-"));
    const sqlite = new Database(path.join(dir, "test.db"));
    for (const folder of folders.slice(0, upTo)) sqlite.exec(readFileSync(path.join(MIGRATIONS, folder, "migration.sql"), "utf8"));
    seed?.(sqlite);
    for (const folder of folders.slice(upTo)) sqlite.exec(readFileSync(path.join(MIGRATIONS, folder, "migration.sql"), "utf8"));
    return { sqlite, done: () => (sqlite.close(), rmSync(dir, { recursive: true, force: true })) };
  }

  it("indexes the comments and threads that existed before the migration", () => {
    const { sqlite, done } = migratedFile(searchMigration, (before) => {
      before.exec(`
        INSERT INTO "User" ("id", "name", "updatedAt") VALUES ('u1', 'Old member', CURRENT_TIMESTAMP);
        INSERT INTO "Article" ("id", "slug", "title", "source", "summary", "updatedAt") VALUES ('a1', 'old', 'Old', 'Src', 'Sum', CURRENT_TIMESTAMP);
        INSERT INTO "Thread" ("id", "articleId", "position", "title", "summary", "excerpt") VALUES ('t1', 'a1', 1, 'Backfilled title', 'Sum', 'Ex');
        INSERT INTO "Comment" ("id", "threadId", "authorId", "body") VALUES ('c1', 't1', 'u1', 'a backfilled comment');
      `);
    });
    try {
      const commentHits = sqlite
        .prepare(`SELECT c."id" FROM "comment_search" JOIN "Comment" c ON c.rowid = "comment_search".rowid WHERE "comment_search" MATCH 'backfilled'`)
        .all();
      expect(commentHits).toEqual([{ id: "c1" }]);
      const threadHits = sqlite
        .prepare(`SELECT t."id" FROM "thread_search" JOIN "Thread" t ON t.rowid = "thread_search".rowid WHERE "thread_search" MATCH 'backfilled'`)
        .all();
      expect(threadHits).toEqual([{ id: "t1" }]);
    } finally {
      done();
    }
  });

  it("keeps its triggers after every migration, and its index in step with the rows", () => {
    // A later migration that rebuilds "Comment" or "Thread" (Prisma's RedefineTables) drops their triggers and
    // renumbers rowids: it must re-create the triggers and rebuild the index (see the search migration).
    const { sqlite, done } = migratedFile(folders.length);
    try {
      const triggers = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%search%' ORDER BY name`).pluck().all();
      expect(
        triggers,
        "a migration rebuilt Comment or Thread, dropping the search triggers: re-create them as in the search migration, then 'rebuild'",
      ).toEqual([
        "comment_search_delete",
        "comment_search_insert",
        "comment_search_update",
        "thread_search_delete",
        "thread_search_insert",
        "thread_search_update",
      ]);
      // 'integrity-check' with rank 1 also compares the index with the rows of the content table.
      sqlite.exec(`INSERT INTO "comment_search" ("comment_search", rank) VALUES ('integrity-check', 1)`);
      sqlite.exec(`INSERT INTO "thread_search" ("thread_search", rank) VALUES ('integrity-check', 1)`);
    } finally {
      done();
    }
  });

  it("stays consistent with the rows through posts, edits, deletions and a thread's removal", async () => {
    const [id, doomed] = (await createTestThreads(2)) as [string, string];
    const first = await createComment({ threadId: id, author, body: "one two" });
    await createComment({ threadId: id, parentId: first.id, author, body: "three" });
    await editComment({ commentId: first.id, author, body: "four five" });
    await deleteComment({ commentId: first.id, authorId: author.id });
    await db.thread.update({ where: { id }, data: { title: "A new title", commentCount: { increment: 1 } } });
    await createComment({ threadId: doomed, author, body: "gone with its thread" });
    await db.thread.delete({ where: { id: doomed } });
    await db.$executeRawUnsafe(`INSERT INTO "comment_search" ("comment_search", rank) VALUES ('integrity-check', 1)`);
    await db.$executeRawUnsafe(`INSERT INTO "thread_search" ("thread_search", rank) VALUES ('integrity-check', 1)`);
  });
});
