import { z } from "zod";

export const SLUG_MAX_LENGTH = 60;
export const ARTICLE_TITLE_MAX_LENGTH = 200;
export const POINT_TITLE_MAX_LENGTH = 120;
export const SUMMARY_MAX_LENGTH = 600;
export const EXCERPT_MAX_LENGTH = 600;
export const MAX_POINTS = 100;

// Slugs appear in URLs (/a/<slug>), so they are restricted to lowercase ASCII words joined by single dashes.
const slugSchema = z
  .string()
  .min(1)
  .max(SLUG_MAX_LENGTH)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and single dashes");

const requiredText = (max: number) => z.string().trim().min(1).max(max);

export const articlePointSchema = z.object({
  title: requiredText(POINT_TITLE_MAX_LENGTH),
  summary: requiredText(SUMMARY_MAX_LENGTH),
  excerpt: requiredText(EXCERPT_MAX_LENGTH),
});

export const articleSeedSchema = z.object({
  slug: slugSchema,
  title: requiredText(ARTICLE_TITLE_MAX_LENGTH),
  source: requiredText(300),
  sourceUrl: z.url({ protocol: /^https?$/ }).optional(),
  summary: requiredText(SUMMARY_MAX_LENGTH),
  points: z.array(articlePointSchema).min(1).max(MAX_POINTS),
  /** The article's text as given, for the excerpt check; absent in hand-written seeds. */
  body: z.string().optional(),
});

export type ArticlePoint = z.infer<typeof articlePointSchema>;
export type ArticleSeed = z.infer<typeof articleSeedSchema>;

/** Validates a seed, throwing a ZodError that names the offending field. */
export function parseArticleSeed(input: unknown): ArticleSeed {
  return articleSeedSchema.parse(input);
}
