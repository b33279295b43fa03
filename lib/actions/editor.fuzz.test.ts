// Property-based fuzzing of the editors' actions: whatever a client sends, as whoever, the answer is a written
// refusal or a success, never a thrown error (a 500); a caller who is not an editor (or admin) is refused whatever
// the form says; a refusal leaves the database as it was; a success writes only articles, points and one log row.
import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { db } from "@/lib/db";
import { callAction, callActionWith, databaseChanges, DatabaseTracker, expectClearRefusal, type Action, type Fields } from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, everyId, sessionFor, type ActionWorld, type ActorName } from "@/lib/testing/action-world";
import { fileValue, hostileForm, hostileText, idOf } from "@/lib/testing/hostile-input";
import * as actions from "@/lib/actions/editor";

const NUM_RUNS = 30;
const TIMEOUT_MS = 180_000;

type Case = {
  action: Action;
  form: (w: ActionWorld) => fc.Arbitrary<Fields>;
  /** A form that succeeds, tried first as an editor, so every run proves both sides of the property. */
  example: (w: ActionWorld) => Fields;
};

const articleIds = (w: ActionWorld) => idOf(Object.values(w.articles), everyId(w));
const pointIds = (w: ActionWorld) => idOf(Object.values(w.points), everyId(w));
const words = fc.oneof(hostileText, fc.constantFrom("A street lined with trees", "soak up storm water", "Parks", ""));

const CASES: Record<string, Case> = {
  createArticleAction: {
    action: actions.createArticleAction,
    example: () => ({ source: "Fuzz", text: `# Fuzzed ${Math.random()}\n\nOne.\n\nTwo.` }),
    form: () =>
      fc.oneof(
        hostileForm({ source: words, title: words, slug: words, sourceUrl: words, text: hostileText }),
        fc.record({ source: fc.constant("Fuzz"), file: fileValue }) as fc.Arbitrary<Fields>,
      ),
  },
  updateArticleAction: {
    action: actions.updateArticleAction,
    example: (w) => ({ articleId: w.articles.published, title: "T", source: "S", summary: "S" }),
    form: (w) => hostileForm({ articleId: articleIds(w), title: words, source: words, sourceUrl: words, summary: words }),
  },
  updatePointAction: {
    action: actions.updatePointAction,
    example: (w) => ({ articleId: w.articles.draft, threadId: w.points.draftFirst, title: "T", summary: "S", excerpt: "A street lined with trees" }),
    form: (w) => hostileForm({ articleId: articleIds(w), threadId: pointIds(w), title: words, summary: words, excerpt: words }),
  },
  addPointAction: {
    action: actions.addPointAction,
    example: (w) => ({ articleId: w.articles.draft, title: "T", summary: "S", excerpt: "soak up storm water" }),
    form: (w) => hostileForm({ articleId: articleIds(w), title: words, summary: words, excerpt: words }),
  },
  pointToolAction: {
    action: actions.pointToolAction,
    example: (w) => ({ articleId: w.articles.draft, threadId: w.points.draftSecond, kind: "up" }),
    form: (w) =>
      hostileForm({ articleId: articleIds(w), threadId: pointIds(w), kind: fc.constantFrom("up", "down", "merge", "delete", "close", "reopen", "drop") }),
  },
  splitPointAction: {
    action: actions.splitPointAction,
    example: (w) => ({ articleId: w.articles.draft, threadId: w.points.draftFirst, at: "is several degrees", newTitle: "N" }),
    form: (w) => hostileForm({ articleId: articleIds(w), threadId: pointIds(w), at: words, newTitle: words }),
  },
  articleStateAction: {
    action: actions.articleStateAction,
    example: (w) => ({ articleId: w.articles.published, kind: "close" }),
    form: (w) => hostileForm({ articleId: articleIds(w), kind: fc.constantFrom("publish", "close", "reopen", "delete"), reason: words }),
  },
  articleAnswersAction: {
    action: actions.articleAnswersAction,
    example: (w) => ({ articleId: w.articles.draft, answersId: w.articles.published, kind: "rebuttal" }),
    form: (w) => hostileForm({ articleId: articleIds(w), answersId: articleIds(w), kind: fc.constantFrom("rebuttal", "follow_up", "answer", "") }),
  },
  pointAnswersAction: {
    action: actions.pointAnswersAction,
    example: (w) => ({ articleId: w.articles.draft, threadId: w.points.draftFirst, answersThreadIds: w.points.publishedSecond }),
    form: (w) => hostileForm({ articleId: articleIds(w), threadId: pointIds(w), answersThreadIds: pointIds(w) }),
  },
};

// Decided here from the caller's row, not with lib/permissions, so the test does not grade the code with itself.
const mayEdit = (user: CurrentUser | null) => user !== null && !user.suspension && (user.role === "editor" || user.role === "admin");

const actor = fc.oneof({ arbitrary: fc.constantFrom(...ACTORS), weight: 1 }, { arbitrary: fc.constantFrom<ActorName>("editor", "admin"), weight: 2 });

let world: ActionWorld;
const database = new DatabaseTracker();
const outcomes = { accepted: 0, refused: 0 };

async function checkOneCall(c: Case, who: ActorName, fields: Fields) {
  session.user = await sessionFor(world, who);
  const before = await database.before();
  const answer = await callAction(c.action, fields);
  if (!mayEdit(session.user)) {
    expectClearRefusal(answer);
    expect(answer.message).toBe("Only editors can do that.");
    await database.expectUnchanged();
    outcomes.refused++;
    return;
  }
  if (!answer.ok) {
    expectClearRefusal(answer);
    await database.expectUnchanged();
    outcomes.refused++;
    return;
  }
  const changes = databaseChanges(before, await database.after());
  for (const change of changes) expect(["article", "thread", "pointAnswer", "moderationLog"]).toContain(change.table);
  const logged = changes.filter((change) => change.table === "moderationLog");
  expect(logged).toHaveLength(1);
  expect(logged[0]!.columns.moderatorId!.to).toBe(session.user!.id);
  outcomes.accepted++;
}

describe("editor actions under fuzzing", () => {
  it("fuzzes every action the module exports", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(actions).sort());
  });

  beforeEach(async () => {
    // Filters are global (a phrase is unique): each world brings its own.
    await db.wordFilter.deleteMany({});
    world = await buildActionWorld();
    database.reset();
    outcomes.accepted = outcomes.refused = 0;
  });

  it.each(Object.entries(CASES))(
    "%s answers every form from every caller with a refusal or a logged success, and a refusal changes nothing",
    async (_name, c) => {
      await fc.assert(
        fc.asyncProperty(actor, c.form(world), (who, fields) => checkOneCall(c, who, fields)),
        {
          numRuns: NUM_RUNS,
          examples: [["editor", c.example(world)]],
        },
      );
      expect(outcomes.accepted).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it.each(Object.entries(CASES))("%s refuses any value that is not a form", async (_name, c) => {
    session.user = await sessionFor(world, "editor");
    for (const value of [undefined, null, "kind=publish", { articleId: world.articles.draft }, new Blob(["x"])]) {
      await database.before();
      expectClearRefusal(await callActionWith(c.action, value));
      await database.expectUnchanged();
    }
  });
});
