import { describe, expect, it } from "vitest";
import { foldText, hasBidiControl, hasDefaultIgnorable, removeDefaultIgnorables, skeleton } from "./fold";

describe("removeDefaultIgnorables", () => {
  it.each([
    ["zero-width space", "a\u200bb"],
    ["zero-width non-joiner", "a\u200cb"],
    ["zero-width joiner", "a\u200db"],
    ["left-to-right mark", "a\u200eb"],
    ["right-to-left mark", "a\u200fb"],
    ["right-to-left override", "a\u202eb"],
    ["first-strong isolate", "a\u2068b"],
    ["word joiner", "a\u2060b"],
    ["invisible separator", "a\u2063b"],
    ["variation selector 16", "a\ufe0fb"],
    ["variation selector 256", "a\u{e01ef}b"],
    ["tag space", "a\u{e0020}b"],
    ["cancel tag", "a\u{e007f}b"],
    ["combining grapheme joiner", "a\u034fb"],
    ["soft hyphen", "a\u00adb"],
    ["byte-order mark", "a\ufeffb"],
    ["Hangul filler", "a\u3164b"],
    ["Mongolian vowel separator", "a\u180eb"],
  ])("removes a %s", (_name, text) => {
    expect(removeDefaultIgnorables(text)).toBe("ab");
    expect(hasDefaultIgnorable(text)).toBe(true);
  });

  it("keeps ordinary text, spaces and accents", () => {
    expect(removeDefaultIgnorables("Zoë and José, 2 cafés")).toBe("Zoë and José, 2 cafés");
    expect(hasDefaultIgnorable("Zoë and José")).toBe(false);
  });
});

describe("hasBidiControl", () => {
  it.each(["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])("finds U+%s", (control) =>
    expect(hasBidiControl(`Mod${control} Probe`)).toBe(true),
  );
  it("finds none in Arabic or Hebrew letters themselves", () => {
    expect(hasBidiControl("سلام שלום")).toBe(false);
  });
});

describe("foldText", () => {
  it.each([
    ["capitals", "ZorkBlat", "zorkblat"],
    ["full-width letters", "ｚｏｒｋ", "zork"],
    ["a ligature", "ﬁne", "fine"],
    ["sharp s", "Straße", "strasse"],
    ["long s", "ſpam", "spam"],
    ["final sigma", "ΣΟΦΟΣ", "σοφοσ"],
    ["circled letters", "ⓩⓞⓡⓚ", "zork"],
    ["mathematical bold", "𝐳𝐨𝐫𝐤", "zork"],
    ["a non-breaking space", "buy\u00a0now", "buy now"],
    ["invisible characters", "z\u200bo\u2063r\ufe0fk\u{e0020}", "zork"],
  ])("folds %s", (_name, text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it("keeps letters of other scripts distinct (that is the skeleton's job)", () => {
    expect(foldText("zоrk")).not.toBe("zork");
  });
});

describe("skeleton", () => {
  it.each([
    ["Cyrillic a", "zork\u0430blat", "zorkablat"],
    ["Cyrillic o and e", "m\u043ed pr\u043eb\u0435", "mod probe"],
    ["Greek omicron", "m\u03bfd", "mod"],
    ["digit one for l", "modera1or", "moderalor"],
    ["capitals", "ADMIN", "admin"],
    ["digit zero for o", "m0d", "mod"],
    ["rn for m", "adrnin", "admin"],
    ["full-width and Cyrillic together", "ａｄm\u0456n", "admin"],
    ["a zero-width space", "ad\u200bmin", "admin"],
    ["a right-to-left override", "ad\u202emin", "admin"],
    ["a combining grapheme joiner", "ad\u034fmin", "admin"],
  ])("%s reads the same as the Latin text", (_name, text, latin) => {
    expect(skeleton(text)).toBe(skeleton(latin));
  });

  it.each([
    ["different words", "moderator", "moderate"],
    ["an accent that changes the letter", "José", "Jose"],
    ["a space", "mod probe", "modprobe"],
  ])("%s stay different", (_name, a, b) => {
    expect(skeleton(a)).not.toBe(skeleton(b));
  });

  it("is idempotent", () => {
    for (const text of ["Mod Probe", "ａｄm\u0456n", "m0d", "Straße", "%", '"quoted"']) {
      expect(skeleton(skeleton(text))).toBe(skeleton(text));
    }
  });
});
