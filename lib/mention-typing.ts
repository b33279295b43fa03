// The @mention syntax as the comment form's autocomplete needs it (components/mention-autocomplete.tsx): pure and
// free of imports, so the browser bundle stays small. lib/mentions.ts builds the server's rules from the same parts.

/** Anything a handle cannot hold: a name's spaces and symbols other than . _ ' - are left out of its handle. */
export const NOT_IN_HANDLE = /[^\p{L}\p{M}\p{N}_.'’-]+/gu;
/** Sentence punctuation after a handle ("thanks @Ada.") is not part of it. */
export const TRAILING_PUNCTUATION = /[.'’-]+$/u;

/** What to type to mention a member, case kept: "Ada Lovelace" → "AdaLovelace", "Dr. Who?" → "Dr.Who". */
export function handleFor(name: string): string {
  return name.replace(NOT_IN_HANDLE, "").replace(TRAILING_PUNCTUATION, "");
}

/** Longest prefix the autocomplete looks up (display names are at most 50 characters). */
export const MENTION_PREFIX_MAX = 60;

// An "@" that starts a mention (not inside ada@example.com or @@x), then the handle typed so far, up to the caret.
const TYPING = /(?<![\p{L}\p{M}\p{N}_@.])@([\p{L}\p{M}\p{N}_.'’-]{0,60})$/u;

/** The mention being typed just before the caret: where its "@" is and the handle so far; null when none is. */
export function mentionBeingTyped(text: string, caret: number): { start: number; prefix: string } | null {
  const match = TYPING.exec(text.slice(Math.max(0, caret - MENTION_PREFIX_MAX - 2), caret));
  if (!match) return null;
  return { start: caret - match[0].length, prefix: match[1]! };
}

/** The text and caret after choosing `name` for the mention that starts at `start` and runs to `caret`. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${handleFor(name)} `;
  const after = text.slice(caret).replace(/^[\p{L}\p{M}\p{N}_.'’-]*/u, "");
  const rest = after.startsWith(" ") ? after.slice(1) : after;
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length };
}
