import { displayNameKey } from "@/lib/display-name";
import { handleFor, TRAILING_PUNCTUATION } from "@/lib/mention-typing";
import { removeDefaultIgnorables } from "@/lib/text/fold";

// @mentions. A mention is `@` followed by a display name with its spaces (and any symbol other than . _ ' -) left
// out, in any case: "Ada Lovelace" is @AdaLovelace or @adalovelace, "Dr. Who?" is @Dr.Who. It is compared with
// names by their key (lib/display-name.ts: the same normalisation as the word filter's, spaces and punctuation
// left out), which is unique, so a mention reaches exactly one member, wherever they are in the forum; it is
// rendered as a link to their page (lib/markdown.ts) and the poster is told of a name that matched nobody.

/** How many different names one comment may mention; the rest notify nobody. */
export const MAX_MENTIONS_PER_COMMENT = 10;

/** The handle a display name answers to: only letters, digits and . _ ' -, lower case. "" for a missing name. */
export function mentionHandle(name: string | null | undefined): string {
  return handleFor(name ?? "").toLowerCase();
}

// A mention starts at "@" not preceded by a word character, "@" or "." (so ada@example.com and @@x are not
// mentions) and runs over letters, marks, digits and the punctuation names commonly hold.
const MENTION = /(?<![\p{L}\p{M}\p{N}_@.])@([\p{L}\p{M}\p{N}_.'’-]+)/gu;
// Code is quoted, not addressed: `@decorator` in a code span or fence mentions nobody.
const FENCED_CODE = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gmu;
const CODE_SPAN = /(`+)[^`]*?\1/g;

/** The key a handle (or a display name) is matched by: lib/display-name.ts's displayNameKey. */
export const mentionKey = displayNameKey;

/** The mention pattern inside one run of text (lib/markdown.ts links each match); group 1 is the handle. */
export const MENTION_IN_TEXT = MENTION;

/** A handle as written, its sentence punctuation left out ("thanks @Ada." mentions @Ada). */
export function trimHandle(raw: string): string {
  return raw.replace(TRAILING_PUNCTUATION, "");
}

/**
 * The distinct handles a comment body mentions (lower case, in order of first mention, one per key), at most
 * `limit` (MAX_MENTIONS_PER_COMMENT unless told). Invisible characters cannot split or hide a mention.
 */
export function extractMentions(body: string, limit: number = MAX_MENTIONS_PER_COMMENT): string[] {
  const prose = removeDefaultIgnorables(body).replace(FENCED_CODE, " ").replace(CODE_SPAN, " ");
  const handles: string[] = [];
  const keys = new Set<string>();
  for (const match of prose.matchAll(MENTION)) {
    const handle = trimHandle(match[1]!).toLowerCase();
    const key = mentionKey(handle);
    if (key === "" || keys.has(key)) continue;
    keys.add(key);
    handles.push(handle);
    if (handles.length === limit) break;
  }
  return handles;
}

/** The query parameter that carries, after posting, the handles that named nobody. */
export const UNMATCHED_PARAM = "unmatched";

/** A comment's href with the handles that matched nobody, for the notice the poster sees on arriving. */
export function withUnmatchedMentions(href: string, handles: readonly string[]): string {
  if (handles.length === 0) return href;
  const hash = href.indexOf("#");
  const [path, fragment] = hash === -1 ? [href, ""] : [href.slice(0, hash), href.slice(hash)];
  const value = encodeURIComponent(handles.join(" "));
  return `${path}${path.includes("?") ? "&" : "?"}${UNMATCHED_PARAM}=${value}${fragment}`;
}

/** The handles from the query parameter, kept to what a handle can be (a hand-made link shows nothing else). */
export function parseUnmatchedMentions(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return value
    .split(" ")
    .map((handle) => handle.match(/^[\p{L}\p{M}\p{N}_.'’-]{1,60}$/u)?.[0])
    .filter((handle): handle is string => handle !== undefined)
    .slice(0, MAX_MENTIONS_PER_COMMENT);
}
