"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { refusalFrom, requireEditor } from "@/lib/action-guards";
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

/** After a change: editors' pages, and for a published article every page readers see (and the anonymous cache). */
async function changed(article: { id: string; slug: string; draft: boolean }, message: string): Promise<ActionState> {
  revalidatePath("/editor", "layout");
  if (!article.draft) {
    revalidatePath("/", "layout");
    await purgeAnonymousPages();
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

export async function createArticleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireEditor();
  if (refusal) return refusal;
  const values = textValues(formData, ["title", "source", "sourceUrl", "slug", "text"]);
  const parsed = parseForm(newArticleSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  const { title, source, sourceUrl, slug, text } = parsed.data;
  let created: { id: string };
  try {
    const input = await articleText(formData, text);
    const options = { source, slug, refuseHtml: true };
    const parsedSeed = "buffer" in input ? parseArticleFile(input.buffer, options) : parseArticleText(input.text, options);
    const seed = { ...parsedSeed, ...(title ? { title } : {}), ...(sourceUrl ? { sourceUrl } : {}) };
    created = await createDraftArticle({ editorId: user.id, seed });
  } catch (error) {
    return refusalFrom(error, [ArticleImportError, EditorError], values);
  }
  revalidatePath("/editor");
  redirect(`/editor/${created.id}`);
}

export async function updateArticleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireEditor();
  if (refusal) return refusal;
  const parsed = parseForm(articleDetailsSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    return await changed(await updateArticleDetails({ editorId: user.id, ...parsed.data }), "Article saved.");
  } catch (error) {
    return refusalFrom(error, [EditorError]);
  }
}

export async function updatePointAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireEditor();
  if (refusal) return refusal;
  const values = textValues(formData, ["title", "summary", "excerpt"]);
  const parsed = parseForm(pointSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    return await changed(await updatePoint({ editorId: user.id, ...parsed.data }), "Point saved.");
  } catch (error) {
    return refusalFrom(error, [EditorError], values);
  }
}

export async function addPointAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireEditor();
  if (refusal) return refusal;
  const values = textValues(formData, ["title", "summary", "excerpt"]);
  const parsed = parseForm(newPointSchema, formData);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    return await changed(await addPoint({ editorId: user.id, ...parsed.data }), "Point added.");
  } catch (error) {
    return refusalFrom(error, [EditorError], values);
  }
}

const POINT_DONE = {
  up: "Point moved up.",
  down: "Point moved down.",
  merge: "Points merged.",
  delete: "Point deleted.",
  close: "Point closed.",
  reopen: "Point reopened.",
};

export async function pointToolAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireEditor();
  if (refusal) return refusal;
  const parsed = parseForm(pointToolSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const { kind, ...target } = parsed.data;
  const input = { editorId: user.id, ...target };
  try {
    const article =
      kind === "up" || kind === "down"
        ? await movePoint({ ...input, direction: kind })
        : kind === "merge"
          ? await mergeWithNext(input)
          : kind === "delete"
            ? await deletePoint(input)
            : await setPointClosed({ ...input, closed: kind === "close" });
    return await changed(article, POINT_DONE[kind]);
  } catch (error) {
    return refusalFrom(error, [EditorError]);
  }
}

export async function splitPointAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireEditor();
  if (refusal) return refusal;
  const parsed = parseForm(splitPointSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    return await changed(await splitPoint({ editorId: user.id, ...parsed.data }), "Point split in two.");
  } catch (error) {
    return refusalFrom(error, [EditorError]);
  }
}

const ARTICLE_DONE = { publish: "Published: everyone can read it now.", close: "Article closed to new comments.", reopen: "Article reopened to comments." };

export async function articleStateAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireEditor();
  if (refusal) return refusal;
  const parsed = parseForm(articleStateSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const { kind, articleId, reason } = parsed.data;
  try {
    const article =
      kind === "publish"
        ? await publishArticle({ editorId: user.id, articleId })
        : await setArticleClosed({ editorId: user.id, articleId, closed: kind === "close", reason });
    return await changed({ ...article, draft: false }, ARTICLE_DONE[kind]);
  } catch (error) {
    return refusalFrom(error, [EditorError]);
  }
}

/** Marks the article as a rebuttal or follow-up of an earlier one, or as answering none. */
export async function articleAnswersAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireEditor();
  if (refusal) return refusal;
  const parsed = parseForm(articleAnswersSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const { articleId, answersId, kind } = parsed.data;
  try {
    const article = await setArticleAnswers({ editorId: user.id, articleId, answersId: answersId ?? null, kind: answersId ? (kind ?? null) : null });
    return await changed(article, answersId ? "Saved: now link each point to the points it answers." : "Saved: this article answers no other.");
  } catch (error) {
    return refusalFrom(error, [EditorError]);
  }
}

/** Links a point to the earlier points it answers (every checked box; none clears the links). */
export async function pointAnswersAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { user, refusal } = await requireEditor();
  if (refusal) return refusal;
  // Several checkboxes share one name: every checked value, not only the last.
  const fields = { ...formFields(formData), answersThreadIds: formData instanceof FormData ? formData.getAll("answersThreadIds") : [] };
  const parsed = pointAnswersSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error);
  try {
    return await changed(await setPointAnswers({ editorId: user.id, ...parsed.data }), "Links saved.");
  } catch (error) {
    return refusalFrom(error, [EditorError]);
  }
}
