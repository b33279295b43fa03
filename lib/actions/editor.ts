"use server";

import { defineAction } from "./define-action";
import { refreshSite } from "./refresh";
import { forgetThreadContexts } from "@/lib/queries/thread-context";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, type ActionState } from "@/lib/action-state";
import { ARTICLE_MAX_BYTES, ArticleImportError, parseArticleFile, parseArticleText } from "@/lib/article-import";
import { purgeAnonymousPages } from "@/lib/anonymous-cache-purge";
import {
  addPoint,
  createDraftArticle,
  deletePoint,
  EditorError,
  mergeWithNext,
  movePoint,
  publishArticle,
  setArticleClosed,
  setArticleAnswers,
  setPointAnswers,
  setPointClosed,
  splitPoint,
  updateArticleDetails,
  updatePoint,
} from "@/lib/queries/editor";
import {
  articleAnswersSchema,
  articleDetailsSchema,
  articleStateSchema,
  newArticleSchema,
  newPointSchema,
  pointAnswersSchema,
  pointSchema,
  pointToolSchema,
  splitPointSchema,
} from "@/lib/validations/editor";

// Every action re-reads the caller's role (requireEditor) before touching anything; ids are checked in the query.

const ALLOWED_FILE = /\.(md|markdown|txt)$/i;

/**
 * After a change: editors' pages, and for a published article every page readers see (the home page's list, the
 * article, its threads, search…) and the anonymous cache.
 */
async function changed(article: { id: string; slug: string; draft: boolean }, message: string): Promise<ActionState> {
  revalidatePath("/editor", "layout");
  if (!article.draft) {
    await refreshSite();
    await purgeAnonymousPages();
  } else {
    // A draft's threads are the editors' preview: theirs show the change too.
    await forgetThreadContexts();
  }
  return { ok: true, message };
}

/** The text of the new article: an uploaded .md/.txt file if one was chosen, else the pasted text. */
async function articleText(formData: FormData, pasted: string | undefined): Promise<{ buffer: Buffer } | { text: string }> {
  const file = formData.get("file");
  if (file instanceof File && file.size > 0) {
    if (!ALLOWED_FILE.test(file.name)) throw new ArticleImportError("Upload a .md or .txt file (plain text or Markdown).");
    if (file.size > ARTICLE_MAX_BYTES) {
      throw new ArticleImportError(`The file is larger than ${ARTICLE_MAX_BYTES / 1024} KB; split it into several articles`);
    }
    return { buffer: Buffer.from(await file.arrayBuffer()) };
  }
  if (!pasted || pasted.trim() === "") throw new ArticleImportError("Paste the article's text or choose a .md or .txt file.");
  return { text: pasted };
}

export const createArticleAction = defineAction({
  guard: "editor",
  schema: newArticleSchema,
  keep: ["title", "source", "sourceUrl", "slug", "text"],
  refusals: [ArticleImportError, EditorError],
  async run({ title, source, sourceUrl, slug, text }, user, formData) {
    const input = await articleText(formData, text);
    const options = { source, slug, refuseHtml: true };
    const parsedSeed = "buffer" in input ? parseArticleFile(input.buffer, options) : parseArticleText(input.text, options);
    const seed = { ...parsedSeed, ...(title ? { title } : {}), ...(sourceUrl ? { sourceUrl } : {}) };
    return createDraftArticle({ editorId: user.id, seed });
  },
  // A draft: only the editors' list shows it.
  after(created) {
    revalidatePath("/editor");
    redirect(`/editor/${created.id}`);
  },
});

export const updateArticleAction = defineAction({
  guard: "editor",
  schema: articleDetailsSchema,
  refusals: [EditorError],
  run: (input, user) => updateArticleDetails({ editorId: user.id, ...input }),
  after: (article) => changed(article, "Article saved."),
});

export const updatePointAction = defineAction({
  guard: "editor",
  schema: pointSchema,
  keep: ["title", "summary", "excerpt"],
  refusals: [EditorError],
  run: (input, user) => updatePoint({ editorId: user.id, ...input }),
  after: (article) => changed(article, "Point saved."),
});

export const addPointAction = defineAction({
  guard: "editor",
  schema: newPointSchema,
  keep: ["title", "summary", "excerpt"],
  refusals: [EditorError],
  run: (input, user) => addPoint({ editorId: user.id, ...input }),
  after: (article) => changed(article, "Point added."),
});

const POINT_DONE = {
  up: "Point moved up.",
  down: "Point moved down.",
  merge: "Points merged.",
  delete: "Point deleted.",
  close: "Point closed.",
  reopen: "Point reopened.",
};

export const pointToolAction = defineAction({
  guard: "editor",
  schema: pointToolSchema,
  refusals: [EditorError],
  run({ kind, ...target }, user) {
    const input = { editorId: user.id, ...target };
    if (kind === "up" || kind === "down") return movePoint({ ...input, direction: kind });
    if (kind === "merge") return mergeWithNext(input);
    if (kind === "delete") return deletePoint(input);
    return setPointClosed({ ...input, closed: kind === "close" });
  },
  after: (article, input) => changed(article, POINT_DONE[input.kind]),
});

export const splitPointAction = defineAction({
  guard: "editor",
  schema: splitPointSchema,
  refusals: [EditorError],
  run: (input, user) => splitPoint({ editorId: user.id, ...input }),
  after: (article) => changed(article, "Point split in two."),
});

const ARTICLE_DONE = { publish: "Published: everyone can read it now.", close: "Article closed to new comments.", reopen: "Article reopened to comments." };

export const articleStateAction = defineAction({
  guard: "editor",
  schema: articleStateSchema,
  refusals: [EditorError],
  run: ({ kind, articleId, reason }, user) =>
    kind === "publish"
      ? publishArticle({ editorId: user.id, articleId })
      : setArticleClosed({ editorId: user.id, articleId, closed: kind === "close", reason }),
  after: (article, input) => changed({ ...article, draft: false }, ARTICLE_DONE[input.kind]),
});

/** Marks the article as a rebuttal or follow-up of an earlier one, or as answering none. */
export const articleAnswersAction = defineAction({
  guard: "editor",
  schema: articleAnswersSchema,
  refusals: [EditorError],
  run: ({ articleId, answersId, kind }, user) =>
    setArticleAnswers({ editorId: user.id, articleId, answersId: answersId ?? null, kind: answersId ? (kind ?? null) : null }),
  after: (article, input) =>
    changed(article, input.answersId ? "Saved: now link each point to the points it answers." : "Saved: this article answers no other."),
});

/** Links a point to the earlier points it answers (every checked box; none clears the links). */
export const pointAnswersAction = defineAction({
  guard: "editor",
  schema: pointAnswersSchema,
  // Several checkboxes share one name: every checked value, not only the last.
  fields: (formData) => ({ ...formFields(formData), answersThreadIds: formData instanceof FormData ? formData.getAll("answersThreadIds") : [] }),
  refusals: [EditorError],
  run: (input, user) => setPointAnswers({ editorId: user.id, ...input }),
  after: (article) => changed(article, "Links saved."),
});
