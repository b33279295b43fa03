import { describe, expect, it } from "vitest";
import { findWordFilterMatch, findWordFilterMatchInBody, type WordFilterRule } from "./word-filter";

const block = (phrase: string): WordFilterRule => ({ phrase, action: "block" });
const queue = (phrase: string): WordFilterRule => ({ phrase, action: "queue" });

describe("findWordFilterMatch", () => {
  it("returns nothing when there are no rules or nothing matches", () => {
    expect(findWordFilterMatch("anything at all", [])).toBeUndefined();
    expect(findWordFilterMatch("a perfectly nice comment", [block("spam"), queue("scam")])).toBeUndefined();
  });

  it.each([
    ["the word alone", "spam", true],
    ["at the start", "spam is bad", true],
    ["at the end", "this is spam", true],
    ["between punctuation", "this (spam!) here", true],
    ["followed by a full stop", "no more spam.", true],
    ["across a line break", "line one\nspam\nline three", true],
    ["upper case", "SPAM", true],
    ["mixed case", "SpAm", true],
    ["inside a longer word", "spammer", false],
    ["as a suffix", "antispam", false],
    ["glued to a digit", "spam1", false],
    ["glued to an accented letter", "spamé", false],
  ] as const)("whole-word and case-insensitive: %s (%j) → %s", (_name, text, matches) => {
    expect(findWordFilterMatch(text, [block("spam")]) !== undefined).toBe(matches);
  });

  it('does not match "ass" inside "class", "bass" or "assume", but does match the word', () => {
    const rules = [block("ass")];
    for (const text of ["a class act", "bass guitar", "I assume so", "Massachusetts"]) {
      expect(findWordFilterMatch(text, rules), text).toBeUndefined();
    }
    expect(findWordFilterMatch("what an ass.", rules)).toEqual(block("ass"));
  });

  it("matches a rule written in capitals against lower-case text", () => {
    expect(findWordFilterMatch("buy now", [block("BUY NOW")])).toEqual(block("BUY NOW"));
  });

  it("matches multi-word phrases as a whole, not their words alone", () => {
    const rules = [queue("buy now")];
    expect(findWordFilterMatch("Click here and BUY NOW!", rules)).toEqual(queue("buy now"));
    expect(findWordFilterMatch("buy it now", rules)).toBeUndefined();
    expect(findWordFilterMatch("buy nowhere", rules)).toBeUndefined();
    expect(findWordFilterMatch("rebuy now", rules)).toBeUndefined();
  });

  it("treats regular-expression characters in a phrase literally", () => {
    expect(findWordFilterMatch("c++ rocks", [block("c++")])).toEqual(block("c++"));
    expect(findWordFilterMatch("cxx rocks", [block("c.x")])).toBeUndefined();
    expect(findWordFilterMatch("f(o)o", [block("f(o)o")])).toEqual(block("f(o)o"));
  });

  it("lets a blocking rule win over a queueing one, whatever the order of the rules", () => {
    const text = "spam and scam";
    expect(findWordFilterMatch(text, [queue("scam"), block("spam")])).toEqual(block("spam"));
    expect(findWordFilterMatch(text, [block("spam"), queue("scam")])).toEqual(block("spam"));
  });

  it("returns the first queueing rule when only queueing rules match", () => {
    expect(findWordFilterMatch("scam and fraud", [queue("fraud"), queue("scam")])).toEqual(queue("fraud"));
  });

  describe("Unicode tricks still match", () => {
    it.each([
      ["full-width letters", "ｓｐａｍ"],
      ["full-width capitals", "ＳＰＡＭ"],
      ["a zero-width space inside", "sp\u200bam"],
      ["a zero-width non-joiner inside", "sp\u200cam"],
      ["a zero-width joiner inside", "sp\u200dam"],
      ["a word joiner inside", "s\u2060pam"],
      ["a byte-order mark inside", "spa\ufeffm"],
      ["a soft hyphen inside", "spa\u00adm"],
      ["several invisible characters", "s\u200bp\u00ada\u200dm"],
      ["a mix of full-width and zero-width", "ｓ\u200dｐａｍ"],
      ["a non-breaking space in a phrase", "buy\u00a0now"],
    ])("%s", (_name, text) => {
      expect(findWordFilterMatch(`well ${text} here`, [block("spam"), block("buy now")])).toBeDefined();
    });

    it("matches a rule whose own phrase is written in full-width letters", () => {
      expect(findWordFilterMatch("spam", [block("ｓｐａｍ")])).toBeDefined();
    });

    it("still respects word boundaries after folding", () => {
      expect(findWordFilterMatch("ｃｌａｓｓ", [block("ass")])).toBeUndefined();
      expect(findWordFilterMatch("cl\u200bass", [block("ass")])).toBeUndefined();
    });
  });

  describe("a comment's body is read as its readers read it (issue 14's bypasses and more)", () => {
    const rules = [block("zorkblat")];
    it.each([
      ["a decimal character reference", "zork&#98;lat"],
      ["a hexadecimal character reference", "&#x7a;orkblat"],
      ["a named character reference", "zork&#x62;lat and &lt;zorkblat&gt;"],
      ["a left-to-right mark", "zork\u200Eblat"],
      ["a right-to-left override", "zork\u202Eblat"],
      ["an invisible separator", "zork\u2063blat"],
      ["a variation selector", "zork\uFE0Fblat"],
      ["a tag character", "zork\u{E0020}blat"],
      ["a combining grapheme joiner", "zork\u034Fblat"],
      ["a Hangul filler", "zork\u3164blat"],
      ["a Cyrillic а", "zorkbl\u0430t"],
      ["a Greek ο", "z\u03bfrkblat"],
      ["mathematical letters", "𝐳𝐨𝐫𝐤𝐛𝐥𝐚𝐭"],
      ["a digit one for the l", "zorkb1at"],
      ["bold inside the word", "zork**b**lat"],
      ["italics inside the word", "zo_r_kblat and zork*blat*"],
      ["strikethrough inside the word", "zork~~b~~lat"],
      ["inline code inside the word", "zork`b`lat"],
      ["a link inside the word", "zork[b](https://example.com)lat"],
      ["a link's text", "[zorkblat](https://example.com)"],
      ["a code block", "```\nzorkblat\n```"],
      ["a quotation", "> said zorkblat"],
      ["a list item", "- zorkblat"],
      ["a mix of tricks", "Z\u200b&#x6f;r**k**b\u034fl\u0430t"],
    ])("%s", (_name, body) => {
      expect(findWordFilterMatchInBody(body, rules)).toEqual(block("zorkblat"));
    });

    it.each([
      ["ordinary words", "a fine comment about zork and blat"],
      ["the word split by a line break", "zork\nblat"],
      ["the word split by a space in emphasis", "zork **blat**"],
      ["a longer word holding it", "zorkblats and antizorkblat"],
      ["a longer word joined by emphasis", "zork**blatter**"],
      ["an escaped asterisk that shows", "zork\\*blat"],
    ])("does not match %s", (_name, body) => {
      expect(findWordFilterMatchInBody(body, rules)).toBeUndefined();
    });

    it("keeps whole-word matching for ordinary words that contain a blocked word", () => {
      const ass = [block("ass")];
      for (const body of ["a **class** act", "bass&#32;guitar", "I *assume* so", "Massachusetts", "cl\u200bass", "cl**ass**"]) {
        expect(findWordFilterMatchInBody(body, ass), body).toBeUndefined();
      }
      expect(findWordFilterMatchInBody("what an **ass**.", ass)).toEqual(block("ass"));
      expect(findWordFilterMatchInBody("what an \u0430ss.", ass)).toEqual(block("ass"));
    });
  });
});
