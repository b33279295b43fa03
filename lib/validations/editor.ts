import { z } from "zod";
import { id } from "@/lib/validations/moderation";
import { storableText } from "@/lib/validations/text";
import { ARTICLE_TITLE_MAX_LENGTH, EXCERPT_MAX_LENGTH, POINT_TITLE_MAX_LENGTH, SUMMARY_MAX_LENGTH } from "@/seeds/article-seed";

// Every field goes through storableText first: a NUL (which PostgreSQL refuses) or a lone surrogate from a
// hand-made request would otherwise end in a 500, and a field of control characters alone is empty.
const text = (label: string, max: number) =>
  z.preprocess(
    storableText,
    z
      .string({ error: `Give the ${label}.` })
      .trim()
      .min(1, `Give the ${label}.`)
      .max(max, `The ${label} is too long (at most ${max} characters).`),
  );

const optionalText = (max: number) =>
  z.preprocess(
    (value) => {
      const text = storableText(value);
      return typeof text === "string" && text.trim() === "" ? undefined : text;
    },
    z.string({ error: "Write it as text." }).trim().max(max, `Too long (at most ${max} characters).`).optional(),
  );

const sourceUrl = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.url({ protocol: /^https?$/, error: "The source's address must be a full http:// or https:// link." }).optional(),
);

/** The new-article form: the text comes pasted (text) or as a file (handled by the action, not zod). */
export const newArticleSchema = z.object({
  title: optionalText(ARTICLE_TITLE_MAX_LENGTH),
  source: text("source's name", 300),
  sourceUrl,
  slug: optionalText(80),
  text: z.preprocess(
    storableText,
    z.string({ error: "Paste the article's text or choose a file." }).max(400_000, "The article is too long: split it into several articles.").optional(),
  ),
});

export const articleDetailsSchema = z.object({
  articleId: id,
  title: text("title", ARTICLE_TITLE_MAX_LENGTH),
  source: text("source's name", 300),
  sourceUrl,
  summary: text("summary", SUMMARY_MAX_LENGTH),
});

export const pointSchema = z.object({
  articleId: id,
  threadId: id,
  title: text("point's title", POINT_TITLE_MAX_LENGTH),
  summary: text("point's summary", SUMMARY_MAX_LENGTH),
  excerpt: text("quoted excerpt", EXCERPT_MAX_LENGTH),
});

export const newPointSchema = pointSchema.omit({ threadId: true });

export const pointToolSchema = z.object({
  articleId: id,
  threadId: id,
  kind: z.enum(["up", "down", "merge", "delete", "close", "reopen"], { error: "Choose what to do with the point." }),
});

export const splitPointSchema = z.object({
  articleId: id,
  threadId: id,
  at: text("words where the new point starts", EXCERPT_MAX_LENGTH),
  newTitle: text("new point's title", POINT_TITLE_MAX_LENGTH),
});

export const articleStateSchema = z.object({
  articleId: id,
  kind: z.enum(["publish", "close", "reopen"], { error: "Choose what to do with the article." }),
  reason: optionalText(500),
});

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** Which earlier article this one answers, and how; no article chosen means it answers none. */
export const articleAnswersSchema = z
  .object({
    articleId: id,
    answersId: z.preprocess(blankToUndefined, id.optional()),
    kind: z.preprocess(blankToUndefined, z.enum(["rebuttal", "follow_up"], { error: "Say whether this article is a rebuttal or a follow-up." }).optional()),
  })
  .refine((value) => !value.answersId || value.kind, { error: "Say whether this article is a rebuttal or a follow-up.", path: ["kind"] });

/** The earlier points one point answers (checkboxes: every checked one; none clears the links). */
export const pointAnswersSchema = z.object({
  articleId: id,
  threadId: id,
  answersThreadIds: z.array(id, { error: "Choose points of the article this one answers." }).max(100, "Too many points."),
});
