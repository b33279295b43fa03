import { domainToUnicode } from "node:url";
import { parseMarkdown } from "@/lib/markdown";

// The sources a comment cites: the http(s) links of its Markdown body, as the renderer sees them (written links,
// autolinks and bare URLs that linkify turns into links). Nothing is ever fetched: the title is the link's own
// text, or for a bare URL its path; the domain is the URL's host, shown in Unicode only when that cannot pass for
// another name.

export type Source = {
  /** The link as the rendered body has it (markdown-it's normalised, ASCII href). */
  url: string;
  /** The host to show: `www.` dropped, IDN decoded when safe, else its ASCII (xn--) form. */
  domain: string;
  /** The link text, or the URL's path for a bare URL; single-line, without control characters, truncated. */
  title: string;
};

export const SOURCE_TITLE_MAX = 90;
/** Cards shown under a comment; the rest are counted ("+N more"). */
export const SOURCE_CARDS_SHOWN = 5;

type Token = ReturnType<typeof parseMarkdown>[number];

// Bidi overrides and isolates, zero-width characters and other invisible format characters: they could make a
// title read differently from what it is. C0/C1 controls too.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

function tidyTitle(text: string): string {
  const clean = text.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
  const characters = Array.from(clean);
  if (characters.length <= SOURCE_TITLE_MAX) return clean;
  return `${characters
    .slice(0, SOURCE_TITLE_MAX - 1)
    .join("")
    .trimEnd()}…`;
}

// Letters that a whole label in these scripts can spell Latin-looking names with ("аррӏе.com").
const LATIN_LOOKALIKES = /^[аАвВеЕѕЅіІјЈкКмМнНоОрРсСтТуУхХԁԛԝӏɑοΟνΝαΑρΡτΤκΚιΙεΕχΧυΥβΒηΗζΖμΜ0-9-]+$/u;
const SCRIPTS = ["Latin", "Cyrillic", "Greek", "Armenian", "Hebrew", "Arabic", "Devanagari", "Thai", "Hangul", "Han", "Hiragana", "Katakana"] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((script) => [script, new RegExp(`\\p{Script=${script}}`, "u")] as const);
// Scripts written together in one language's names (Japanese, Korean): one "script" for the mixing rule.
const FAMILY: Partial<Record<(typeof SCRIPTS)[number], string>> = { Han: "CJK", Hiragana: "CJK", Katakana: "CJK", Hangul: "CJK" };

/** Whether a decoded label is safe to show as Unicode: one script (Latin-with-ASCII counts), no lookalike spelling. */
function isSafeLabel(label: string): boolean {
  if (/^[a-z0-9-]*$/.test(label)) return true;
  if (!/^[\p{L}\p{M}\p{N}-]+$/u.test(label)) return false;
  const scripts = new Set<string>();
  for (const character of label) {
    if (/[0-9-]/.test(character) || /\p{M}/u.test(character)) continue;
    const found = SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(character));
    if (!found) return false;
    scripts.add(FAMILY[found[0]] ?? found[0]);
  }
  if (scripts.size > 1) return false;
  return !LATIN_LOOKALIKES.test(label);
}

/** The host to show for a URL's (ASCII) hostname. */
export function displayDomain(hostname: string): string {
  const ascii = hostname
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");
  const labels = ascii.split(".");
  if (!labels.some((label) => label.startsWith("xn--"))) return ascii;
  const unicode = domainToUnicode(ascii);
  if (!unicode) return ascii;
  const decoded = unicode.split(".");
  // Each label stays in the form that is safe for it: a mixed-script or lookalike one keeps its xn-- spelling.
  return labels.map((label, i) => (label.startsWith("xn--") && decoded[i] && isSafeLabel(decoded[i]!) ? decoded[i]! : label)).join(".");
}

/** A bare URL's title: its path (and query), decoded where that is readable, or the domain for a site's root. */
function pathTitle(url: URL, domain: string): string {
  const path = `${url.pathname}${url.search}`;
  if (path === "/" || path === "") return domain;
  let readable = path;
  try {
    readable = decodeURIComponent(path);
  } catch {
    // A malformed escape: the encoded path is still a fine title.
  }
  return readable;
}

function textOf(tokens: Token[]): string {
  return tokens
    .map((token) =>
      token.type === "text" || token.type === "code_inline" ? token.content : token.type === "softbreak" || token.type === "hardbreak" ? " " : "",
    )
    .join("");
}

/** Every link in the body, in reading order: its href, its text, and whether it was written as a bare URL. */
function linksOf(tokens: Token[]): { href: string; text: string; bare: boolean }[] {
  const links: { href: string; text: string; bare: boolean }[] = [];
  for (const block of tokens) {
    const children = block.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const open = children[i]!;
      if (open.type !== "link_open") continue;
      let close = i + 1;
      while (close < children.length && children[close]!.type !== "link_close") close++;
      links.push({
        href: String(open.attrGet("href") ?? ""),
        text: textOf(children.slice(i + 1, close)),
        bare: open.markup === "linkify" || open.markup === "autolink",
      });
      i = close;
    }
  }
  return links;
}

/**
 * The http(s) sources a comment body cites, deduplicated by URL, in order of first mention. Run when a body is
 * written (lib/cooked-body.ts stores them); pages read the stored list.
 */
export function extractSources(body: string): readonly Source[] {
  return sourcesFromTokens(parseMarkdown(body));
}

/** extractSources from the tokens parseMarkdown made (the writer parses once for the HTML and the sources). */
export function sourcesFromTokens(tokens: Token[]): Source[] {
  const sources = new Map<string, Source & { bare: boolean }>();
  for (const link of linksOf(tokens)) {
    let url: URL;
    try {
      url = new URL(link.href);
    } catch {
      continue;
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname || url.username || url.password) continue;
    const domain = displayDomain(url.hostname);
    const written = tidyTitle(link.text);
    const bare = link.bare || written === "" || written === link.href || written === tidyTitle(url.href);
    const title = bare ? tidyTitle(pathTitle(url, domain)) : written;
    const key = url.href;
    const seen = sources.get(key);
    // A later mention with written words names the source better than a bare URL did.
    if (!seen) sources.set(key, { url: url.href, domain, title, bare });
    else if (seen.bare && !bare) sources.set(key, { ...seen, title, bare });
  }
  return [...sources.values()].map(({ url, domain, title }) => ({ url, domain, title }));
}

/** Whether a comment body cites at least one source (the rule for "Source added"). */
export function citesSource(body: string): boolean {
  return extractSources(body).length > 0;
}

/** A comment as the "Source added" rule reads it: its stored sources when it has them (a page's rows), else its body. */
type SourcedComment = { editedAt: Date | null } & ({ sources: readonly Source[] } | { body: string });

/**
 * The honest rule for "Source added": the comment now cites at least one source (a card shows under it) and its
 * author edited it after the latest request. A link that was there before anyone asked does not answer them.
 */
export function answersSourceRequest(comment: SourcedComment, latestRequestAt: Date): boolean {
  if (comment.editedAt === null || comment.editedAt <= latestRequestAt) return false;
  return "sources" in comment ? comment.sources.length > 0 : citesSource(comment.body);
}
