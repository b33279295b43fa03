import {
  ARTICLE_TITLE_MAX_LENGTH,
  MAX_POINTS,
  POINT_TITLE_MAX_LENGTH,
  SLUG_MAX_LENGTH,
  articleSeedSchema,
  type ArticlePoint,
  type ArticleSeed,
} from "@/seeds/article-seed";

/** A problem with the imported file itself; its message is meant to be shown to the person importing. */
export class ArticleImportError extends Error {
  override name = "ArticleImportError";
}

export interface ParseArticleOptions {
  slug?: string;
  source?: string;
  /** The web form refuses raw HTML; the CLI import (the operator's own files) strips inline tags as before. */
  refuseHtml?: boolean;
}

const DEFAULT_SOURCE = "Imported article (source not recorded)";
const FALLBACK_SLUG = "article";
const PARAGRAPH_TITLE_MAX_LENGTH = 80;
const POINT_SUMMARY_MAX_LENGTH = 300;
const EXCERPT_MAX_LENGTH = 300;
const ARTICLE_SUMMARY_MAX_LENGTH = 300;
const SUMMARY_MAX_SENTENCES = 2;
// Real prose has almost no control characters; a tenth of them means we were handed something else.
const BINARY_CONTROL_RATIO = 0.1;

const EMPTY_MESSAGE = "The article file is empty";
const BINARY_MESSAGE = "The article file does not look like a text file (it contains NUL or control bytes)";
const INVALID_UTF8_MESSAGE = "The article file is not valid UTF-8 text; save it as UTF-8 and try again";
const NO_BODY_MESSAGE = "The article has a title but no body paragraphs to turn into threads";

/** The largest article accepted, from a file or pasted: far above a long essay (about 40,000 words). */
export const ARTICLE_MAX_BYTES = 256 * 1024;
const TOO_LARGE_MESSAGE = `The article is larger than ${ARTICLE_MAX_BYTES / 1024} KB; split it into several articles`;

/** Parses raw file bytes: rejects binary content before decoding, and invalid UTF-8 instead of guessing. */
export function parseArticleFile(buffer: Buffer, options: ParseArticleOptions = {}): ArticleSeed {
  if (buffer.length === 0) throw new ArticleImportError(EMPTY_MESSAGE);
  if (buffer.length > ARTICLE_MAX_BYTES) throw new ArticleImportError(TOO_LARGE_MESSAGE);
  if (bytesLookBinary(buffer)) throw new ArticleImportError(BINARY_MESSAGE);
  return parseArticleText(decodeUtf8(buffer), options);
}

/** Turns a plain-text or Markdown article into a seed: one point per headed section, else per paragraph. */
export function parseArticleText(text: string, options: ParseArticleOptions = {}): ArticleSeed {
  const normalized = normalizeNewlines(text);
  if (normalized.trim() === "") throw new ArticleImportError(EMPTY_MESSAGE);
  if (Buffer.byteLength(normalized, "utf8") > ARTICLE_MAX_BYTES) throw new ArticleImportError(TOO_LARGE_MESSAGE);
  if (textLooksBinary(normalized)) throw new ArticleImportError(BINARY_MESSAGE);
  if (options.refuseHtml) {
    const tag = findRawHtml(normalized);
    if (tag) throw new ArticleImportError(`The article contains raw HTML (${tag}); paste it as plain text or Markdown`);
  }

  const { title, body } = splitTitle(toBlocks(normalized));
  const { intro, points } = hasHeadings(body) ? pointsFromSections(body) : pointsFromParagraphs(body);
  if (points.length === 0) throw new ArticleImportError(NO_BODY_MESSAGE);
  if (points.length > MAX_POINTS) {
    throw new ArticleImportError(
      `The article has ${points.length} points but an article can have at most ${MAX_POINTS} threads; ` +
        "group paragraphs under ## headings so each section becomes one thread",
    );
  }

  const firstParagraph = intro[0] ?? firstSectionParagraph(body);
  return validateSeed({
    slug: options.slug === undefined ? slugify(title) : requireSlug(options.slug),
    title: shorten(title, ARTICLE_TITLE_MAX_LENGTH),
    source: options.source?.trim() || DEFAULT_SOURCE,
    summary: shorten(oneLine(firstParagraph ?? points[0]!.summary), ARTICLE_SUMMARY_MAX_LENGTH),
    points,
    body: normalized.trim(),
  });
}

// An HTML tag, comment or doctype; "a < b", <https://…> autolinks and <name@example.org> do not match.
const HTML_TAG = /<!--|<!doctype|<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i;

/** The first raw HTML tag in the text (outside code fences and `code`), or null. */
export function findRawHtml(text: string): string | null {
  let inFence = false;
  for (const line of normalizeNewlines(text).split("\n")) {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence) continue;
    const match = HTML_TAG.exec(line.replace(/`[^`]*`/g, ""));
    if (match) return match[0].length > 40 ? `${match[0].slice(0, 39)}…` : match[0];
  }
  return null;
}

/** The words a reader sees, whitespace and Markdown syntax folded away: what an excerpt must be taken from. */
export function articleWords(text: string): string {
  return toBlocks(normalizeNewlines(text)).map(blockText).join(" ").replace(/\s+/g, " ").trim();
}

function excerptWords(excerpt: string): string {
  return stripInlineMarkdown(normalizeNewlines(excerpt).split(/\n+/).map(stripLineMarkers).join(" "))
    .replace(/^["'“‘]+|["'”’]+$/g, "")
    .replace(/(?:…|\.\.\.)$/, "")
    .trim();
}

/**
 * Why a point's quoted excerpt is not the article's own words, or null when it is: the excerpt (a shortened
 * one may end with "…") must appear, word for word, in the article's text.
 */
export function excerptProblem(excerpt: string, articleText: string): string | null {
  const words = excerptWords(excerpt);
  if (words === "") return "The excerpt is empty: quote the article's words this point is about.";
  if (articleWords(articleText).includes(words)) return null;
  return "The excerpt is not the article's own words: quote a passage exactly as the article has it (you may cut it short with …).";
}

/** Lowercase ASCII words joined by dashes, at most 60 characters; "article" when nothing usable is left. */
export function slugify(text: string): string {
  return toSlug(text) ?? FALLBACK_SLUG;
}

// ---------------------------------------------------------------------------------------------------------
// Binary and encoding checks

function bytesLookBinary(buffer: Buffer): boolean {
  if (buffer.includes(0)) return true;
  let control = 0;
  for (const byte of buffer) if (isControlCode(byte)) control++;
  return control / buffer.length > BINARY_CONTROL_RATIO;
}

function textLooksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  let suspicious = 0;
  for (const char of text) {
    if (char === "\uFFFD" || isControlCode(char.codePointAt(0)!)) suspicious++;
  }
  return suspicious / text.length > BINARY_CONTROL_RATIO;
}

function isControlCode(code: number): boolean {
  const isWhitespaceControl = code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
  return (code < 0x20 && !isWhitespaceControl) || code === 0x7f;
}

function decodeUtf8(buffer: Buffer): string {
  try {
    // fatal: a Latin-1 or UTF-16 file must be rejected, not silently turned into replacement characters.
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    throw new ArticleImportError(INVALID_UTF8_MESSAGE);
  }
}

function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

// ---------------------------------------------------------------------------------------------------------
// Blocks: the article as a list of headings and paragraphs

type Block = { kind: "heading"; level: number; text: string } | { kind: "paragraph"; lines: string[] };

const ATX_HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;

function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let inFence = false;
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", lines: paragraph });
    paragraph = [];
  };

  for (const line of text.split("\n")) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    // Inside a code fence "# ..." is a shell comment, not a heading, and blank lines do not split paragraphs.
    if (inFence) {
      if (line.trim() !== "") paragraph.push(line);
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    const setext = SETEXT_UNDERLINE.exec(line);
    if (atx) {
      endParagraph();
      blocks.push({ kind: "heading", level: atx[1]!.length, text: atx[2]! });
    } else if (setext && paragraph.length === 1) {
      // Only a single line can be a setext heading; under a longer paragraph a dash line is a separator.
      blocks.push({ kind: "heading", level: setext[1]!.startsWith("=") ? 1 : 2, text: paragraph.join(" ") });
      paragraph = [];
    } else if (line.trim() === "" || THEMATIC_BREAK.test(line) || setext) {
      endParagraph();
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  return blocks.filter((block) => blockText(block) !== "");
}

function blockText(block: Block): string {
  return block.kind === "heading" ? stripInlineMarkdown(block.text) : paragraphText(block.lines);
}

const LIST_ITEM = /^\s*(?:>\s?)*\s*(?:[-*+]|\d{1,9}[.)])\s+/;

/** A paragraph's plain text: wrapped lines are joined, list items keep a line each. */
function paragraphText(lines: string[]): string {
  const rows: string[] = [];
  for (const line of lines) {
    const text = stripLineMarkers(line);
    if (rows.length === 0 || LIST_ITEM.test(line)) rows.push(text);
    else rows[rows.length - 1] += ` ${text}`;
  }
  return rows
    .map(stripInlineMarkdown)
    .filter((row) => row !== "")
    .join("\n");
}

/** Titles and summaries are one line; list items are run together, separated unless already punctuated. */
function oneLine(text: string): string {
  return text.replace(/(?<=[.!?;:,])\n/g, " ").replace(/\n/g, "; ");
}

/** The title is the first `# heading`, else the first line; everything else is the body. */
function splitTitle(blocks: Block[]): { title: string; body: Block[] } {
  const h1Index = blocks.findIndex((block) => block.kind === "heading" && block.level === 1);
  if (h1Index >= 0) {
    return { title: blockText(blocks[h1Index]!), body: blocks.filter((_, index) => index !== h1Index) };
  }
  const [first, ...rest] = blocks;
  if (!first) throw new ArticleImportError(EMPTY_MESSAGE);
  if (first.kind === "heading") return { title: blockText(first), body: rest };

  const [titleLine = "", ...remainingLines] = first.lines;
  const remainder: Block[] = remainingLines.length > 0 ? [{ kind: "paragraph", lines: remainingLines }] : [];
  return { title: paragraphText([titleLine]), body: [...remainder, ...rest] };
}

function hasHeadings(blocks: Block[]): boolean {
  return blocks.some((block) => block.kind === "heading");
}

// ---------------------------------------------------------------------------------------------------------
// Points

interface ParsedBody {
  /** Paragraphs before the first section heading; they describe the article rather than make a point. */
  intro: string[];
  points: ArticlePoint[];
}

function pointsFromParagraphs(blocks: Block[]): ParsedBody {
  const paragraphs = blocks.map(blockText);
  const points = paragraphs.map((paragraph) => ({
    title: stripTrailingPeriod(shorten(firstSentence(oneLine(paragraph)), PARAGRAPH_TITLE_MAX_LENGTH)),
    summary: leadingSentences(oneLine(paragraph)),
    excerpt: shorten(paragraph, EXCERPT_MAX_LENGTH),
  }));
  return { intro: paragraphs, points };
}

/**
 * One point per section headed at the shallowest heading level in the body; deeper headings are
 * sub-headings and stay inside their section's text.
 */
function pointsFromSections(blocks: Block[]): ParsedBody {
  const sectionLevel = Math.min(...blocks.map((block) => (block.kind === "heading" ? block.level : 7)));
  const intro: string[] = [];
  const sections: Array<{ heading: string; paragraphs: string[] }> = [];

  for (const block of blocks) {
    if (block.kind === "heading" && block.level === sectionLevel) {
      sections.push({ heading: blockText(block), paragraphs: [] });
    } else {
      (sections.at(-1)?.paragraphs ?? intro).push(blockText(block));
    }
  }

  const points = sections
    .filter((section) => section.paragraphs.length > 0)
    .map(({ heading, paragraphs }) => ({
      title: shorten(heading, POINT_TITLE_MAX_LENGTH),
      summary: leadingSentences(oneLine(paragraphs[0]!)),
      excerpt: shorten(paragraphs.join("\n\n"), EXCERPT_MAX_LENGTH),
    }));
  return { intro, points };
}

function firstSectionParagraph(blocks: Block[]): string | undefined {
  const paragraph = blocks.find((block) => block.kind === "paragraph");
  return paragraph && blockText(paragraph);
}

function validateSeed(seed: ArticleSeed): ArticleSeed {
  const result = articleSeedSchema.safeParse(seed);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new ArticleImportError(`The article could not be converted: ${problems.join("; ")}`);
}

// ---------------------------------------------------------------------------------------------------------
// Text helpers

// A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by space and a capital or digit,
// which keeps "e.g. this" and "3.5 points" in one sentence.
const SENTENCE_BOUNDARY = /(?<=[.!?…]["'’”)\]]*)\s+(?=["'‘“(\[]?[\p{Lu}\p{N}])/u;

function sentences(text: string): string[] {
  return text.split(SENTENCE_BOUNDARY).filter((sentence) => sentence !== "");
}

function firstSentence(text: string): string {
  return sentences(text)[0] ?? text;
}

/** Up to two opening sentences that fit in the summary limit; a single overlong sentence is shortened. */
function leadingSentences(text: string): string {
  let summary = "";
  for (const sentence of sentences(text).slice(0, SUMMARY_MAX_SENTENCES)) {
    const candidate = summary === "" ? sentence : `${summary} ${sentence}`;
    if (candidate.length > POINT_SUMMARY_MAX_LENGTH) break;
    summary = candidate;
  }
  return summary || shorten(text, POINT_SUMMARY_MAX_LENGTH);
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.search(/\s\S*$/);
  // Only back up to a word boundary when it does not throw away most of the text (e.g. one giant URL).
  const atWord = lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut;
  return `${atWord.replace(/[\s,;:–—-]+$/, "")}…`;
}

function stripTrailingPeriod(title: string): string {
  return title.replace(/(?<!\.)[.:]$/, "");
}

function stripLineMarkers(line: string): string {
  return line
    .replace(/^\s*(?:>\s?)+/, "") // blockquote
    .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, "") // list item
    .trim();
}

/** Markdown inline syntax to the plain text a reader sees; plain text passes through unchanged. */
export function stripInlineMarkdown(text: string): string {
  return (
    text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // image → alt text
      .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1") // inline link → link text
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1") // reference link → link text
      .replace(/<((?:https?|mailto):[^>\s]+)>/g, "$1") // autolink
      .replace(/<\/?[a-zA-Z][^<>]*>/g, "") // inline HTML tag
      .replace(/`([^`]+)`/g, "$1")
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
      .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g, "$1$2")
      // Underscore emphasis only at word edges, so snake_case_names survive.
      .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, "$1$2")
      .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, "$1")
      .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, "$1") // backslash escapes
      .replace(/\s+/g, " ")
      .trim()
  );
}

function toSlug(text: string): string | null {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // é → e
    .toLowerCase()
    .replace(/['’]/g, "") // "TikTok's" → "tiktoks", not "tiktok-s"
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (words === "") return null;
  if (words.length <= SLUG_MAX_LENGTH) return words;
  const cut = words.slice(0, SLUG_MAX_LENGTH + 1);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > 0 ? cut.slice(0, lastDash) : cut.slice(0, SLUG_MAX_LENGTH)).replace(/-+$/, "");
}

function requireSlug(requested: string): string {
  const slug = toSlug(requested);
  if (slug === null) throw new ArticleImportError(`The slug "${requested}" has no letters or digits to use`);
  return slug;
}
