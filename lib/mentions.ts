// @mentions. Display names are free text and not unique ("Ada Lovelace" twice is allowed), so a mention is
// `@` followed by a display name with its spaces (and any symbol other than . _ ' -) left out, in any case:
// "Ada Lovelace" is @AdaLovelace or @adalovelace, "Dr. Who?" is @Dr.Who. It reaches the members of that name who
// have a visible comment in the same thread (the people in the conversation), never the whole forum: nobody can
// page an arbitrary member, and two members who share a name are only both reached if both are in the thread.

/** How many different names one comment may mention; the rest notify nobody. */
export const MAX_MENTIONS_PER_COMMENT = 10;

const NOT_IN_HANDLE = /[^\p{L}\p{M}\p{N}_.'’-]+/gu;
const TRAILING_PUNCTUATION = /[.'’-]+$/u;

/** The handle a display name answers to: only letters, digits and . _ ' -, lower case. "" for a missing name. */
export function mentionHandle(name: string | null | undefined): string {
  return (name ?? "").replace(NOT_IN_HANDLE, "").replace(TRAILING_PUNCTUATION, "").toLowerCase();
}

// A mention starts at "@" not preceded by a word character, "@" or "." (so ada@example.com and @@x are not
// mentions) and runs over letters, marks, digits and the punctuation names commonly hold.
const MENTION = /(?<![\p{L}\p{M}\p{N}_@.])@([\p{L}\p{M}\p{N}_.'’-]+)/gu;
// Code is quoted, not addressed: `@decorator` in a code span or fence mentions nobody.
const FENCED_CODE = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gmu;
const CODE_SPAN = /(`+)[^`]*?\1/g;

/** The distinct handles a comment body mentions (lower case, in order of first mention), at most MAX_MENTIONS_PER_COMMENT. */
export function extractMentions(body: string): string[] {
  const prose = body.replace(FENCED_CODE, " ").replace(CODE_SPAN, " ");
  const handles: string[] = [];
  for (const match of prose.matchAll(MENTION)) {
    // Sentence punctuation after a mention is not part of the name: "thanks @Ada." mentions @ada.
    const handle = match[1]!.replace(TRAILING_PUNCTUATION, "").toLowerCase();
    if (handle !== "" && !handles.includes(handle)) handles.push(handle);
    if (handles.length === MAX_MENTIONS_PER_COMMENT) break;
  }
  return handles;
}
