import { parseMarkdown, renderMarkdown, renderMarkdownTokens, RENDERER_VERSION, type RenderEnv } from "@/lib/markdown";
import { extractSources, sourcesFromTokens, type Source } from "@/lib/sources";

// A comment's body is rendered when it is written, as Discourse keeps a post's "cooked" HTML: the safe HTML and
// the sources it cites are stored beside the Markdown with the renderer's version, and pages show them as they
// are. A row made by an older renderer (RENDERER_VERSION bumped, backfillCookedComments not run yet) is rendered
// again on read, so nothing stale is ever shown.

/** The stored columns of a body, ready to go in a comment's create or update data. */
export type CookedColumns = { bodyHtml: string; bodyHtmlVersion: number; bodySources: string };

/** A comment row as read with its stored rendering. */
type StoredBody = { body: string; bodyHtml: string; bodyHtmlVersion: number; bodySources: string };

/**
 * Renders a body for storage: its HTML and its sources, from one parse. `mentions` (lib/queries/mentions.ts
 * resolveMentions) makes each @mention of a member a link to their page.
 */
export function cookBody(body: string, mentions?: RenderEnv["mentions"]): CookedColumns {
  if (body === "") return { bodyHtml: "", bodyHtmlVersion: RENDERER_VERSION, bodySources: "[]" };
  const env: RenderEnv = { mentions };
  const tokens = parseMarkdown(body, env);
  const sources = sourcesFromTokens(tokens);
  return { bodyHtml: renderMarkdownTokens(tokens, env), bodyHtmlVersion: RENDERER_VERSION, bodySources: JSON.stringify(sources) };
}

/** Whether a row's stored rendering was made by this renderer. */
export const isCookedCurrent = (row: { bodyHtmlVersion: number }) => row.bodyHtmlVersion === RENDERER_VERSION;

/** The HTML to show for a comment: the stored HTML, or a fresh render when it is stale. */
export function commentHtml(row: Pick<StoredBody, "body" | "bodyHtml" | "bodyHtmlVersion">): string {
  return isCookedCurrent(row) ? row.bodyHtml : renderMarkdown(row.body);
}

/** The sources to show under a comment: the stored list, or freshly extracted when it is stale. */
export function commentSources(row: Pick<StoredBody, "body" | "bodySources" | "bodyHtmlVersion">): readonly Source[] {
  return isCookedCurrent(row) ? (JSON.parse(row.bodySources) as Source[]) : extractSources(row.body);
}

/** A read row with its stored rendering resolved for display: `bodyHtml` current, `sources` parsed, the rest as read. */
export type Cooked<T extends StoredBody> = Omit<T, "bodyHtmlVersion" | "bodySources"> & { bodyHtml: string; sources: readonly Source[] };

export function withCookedBody<T extends StoredBody>(row: T): Cooked<T> {
  const { bodyHtmlVersion: _version, bodySources: _sources, ...rest } = row;
  return { ...rest, bodyHtml: commentHtml(row), sources: commentSources(row) };
}
