// What a search box's text means, before either database sees it. The text is never passed to a full-text query
// parser as it is: FTS5 reads `"`, `*`, `-`, `^`, `:`, parentheses, NEAR, AND, OR and NOT as syntax (and raises an
// error on unbalanced ones), PostgreSQL's to_tsquery likewise. Instead the text becomes a list of terms, each of
// which the databases receive as a quoted phrase (FTS5) or through phraseto_tsquery (PostgreSQL), where nothing is
// syntax: every term must appear, "quoted words" must appear together.

export const SEARCH_QUERY_MAX_LENGTH = 200;
/** More terms than this add nothing a reader can tell apart; the rest are ignored. */
export const SEARCH_MAX_TERMS = 12;

export type ParsedSearch =
  | { kind: "empty" }
  | { kind: "too_long"; length: number }
  /** Only punctuation or symbols: nothing either database could index. */
  | { kind: "no_terms" }
  | { kind: "terms"; terms: string[] };

const HAS_WORD = /[\p{L}\p{N}]/u;
const PHRASE = /"([^"]*)"/g;

/** Splits a query into terms: "quoted phrases" (balanced quotes only) and whitespace-separated words. */
export function parseSearchQuery(raw: string): ParsedSearch {
  // Control characters and lone surrogates separate words: PostgreSQL refuses a NUL, Prisma a lone surrogate.
  const text = raw
    .replace(/[\p{Cc}\p{Cs}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") return { kind: "empty" };
  if (text.length > SEARCH_QUERY_MAX_LENGTH) return { kind: "too_long", length: text.length };

  const phrases = [...text.matchAll(PHRASE)].map((match) => match[1]!.trim());
  // What is left outside balanced quotes; a quote without its pair is just punctuation.
  const rest = text.replace(PHRASE, " ").replaceAll('"', " ");
  const candidates = [...phrases, ...rest.split(" ")];

  const seen = new Set<string>();
  const terms: string[] = [];
  for (const candidate of candidates) {
    const term = candidate.trim();
    const key = term.toLowerCase();
    if (!HAS_WORD.test(term) || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
    if (terms.length === SEARCH_MAX_TERMS) break;
  }
  return terms.length === 0 ? { kind: "no_terms" } : { kind: "terms", terms };
}

/**
 * The FTS5 MATCH expression for parsed terms: each term a double-quoted string (a phrase of whatever tokens it
 * holds, with no operator inside), joined by spaces (all must match).
 */
export function toFts5Query(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(" ");
}
