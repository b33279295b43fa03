import { readerText } from "@/lib/markdown";
import { skeleton } from "@/lib/text/fold";

export type WordFilterRule = { phrase: string; action: "block" | "queue" };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The rule a text breaks, if any. Text and phrases are compared by their skeletons (lib/text/fold.ts: NFKC, case
 * folded, invisible characters gone, look-alike letters folded), and phrases match as whole words ("ass" does not
 * match "class"); a blocking rule wins over a queueing one.
 */
export function findWordFilterMatch(text: string, rules: readonly WordFilterRule[]): WordFilterRule | undefined {
  const haystack = skeleton(text);
  let queued: WordFilterRule | undefined;
  for (const rule of rules) {
    const phrase = skeleton(rule.phrase);
    if (phrase === "") continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}\\p{M}])`, "u");
    if (!pattern.test(haystack)) continue;
    if (rule.action === "block") return rule;
    queued ??= rule;
  }
  return queued;
}

/** The rule a comment's Markdown breaks, read as its readers will read it (lib/markdown.ts readerText). */
export function findWordFilterMatchInBody(markdown: string, rules: readonly WordFilterRule[]): WordFilterRule | undefined {
  return findWordFilterMatch(readerText(markdown), rules);
}
