// Highlighted search snippets travel from the database as plain text with these two private-use characters around
// each match (FTS5 snippet()/highlight(), PostgreSQL ts_headline()), never as HTML: a comment containing "<script>"
// or "<mark>" stays text, and only the React component that renders a snippet turns the markers into <mark>
// elements, after React has escaped the text between them.

export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";

export type SnippetPart = { text: string; match: boolean };

/**
 * A snippet's text cut at the markers. Markers that do not pair up (a comment may itself contain these characters)
 * cannot do more than move a highlight: a stray end is dropped, an unclosed start runs to the end.
 */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = "";
  const flush = () => {
    if (text !== "") parts.push({ text, match });
    text = "";
  };
  for (const char of snippet) {
    if (char === MATCH_START || char === MATCH_END) {
      const opens = char === MATCH_START;
      if (opens !== match) {
        flush();
        match = opens;
      }
      continue;
    }
    text += char;
  }
  flush();
  return parts;
}

/**
 * A Markdown source made to read as one line of plain text, for snippets and excerpts: links show their text,
 * emphasis and code lose their markers, quote markers go, whitespace collapses. Markers (above) are kept.
 */
export function tidySnippet(snippet: string): string {
  return snippet
    .replace(/^\s*>\s?/gm, "")
    .replace(/!?\[([^\]\n]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, "$1")
    .replace(/(?<![\p{L}\p{N}])(\*{1,2}|_{1,2})(?=\S)([^*_\n]*?\S)\1(?![\p{L}\p{N}])/gu, "$2")
    .replace(/`+([^`\n]+?)`+/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
