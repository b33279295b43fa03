export type WordFilterRule = { phrase: string; action: "block" | "queue" };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Folding compatibility forms (full-width letters, ligatures) and dropping zero-width characters
// stops the cheapest ways around a filter.
function normalize(text: string): string {
  return text.normalize("NFKC").replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "").toLowerCase();
}

/**
 * The rule a text breaks, if any: phrases match case-insensitively as whole words
 * ("ass" does not match "class"); a blocking rule wins over a queueing one.
 */
export function findWordFilterMatch(text: string, rules: readonly WordFilterRule[]): WordFilterRule | undefined {
  const haystack = normalize(text);
  let queued: WordFilterRule | undefined;
  for (const rule of rules) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(normalize(rule.phrase))}(?![\\p{L}\\p{N}])`, "u");
    if (!pattern.test(haystack)) continue;
    if (rule.action === "block") return rule;
    queued ??= rule;
  }
  return queued;
}
