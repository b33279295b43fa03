import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSearchQuery, SEARCH_MAX_TERMS, SEARCH_QUERY_MAX_LENGTH, toFts5Query } from "./search-query";

describe("parseSearchQuery", () => {
  it.each([
    ["", { kind: "empty" }],
    ["   \n\t ", { kind: "empty" }],
    ["***", { kind: "no_terms" }],
    ['""', { kind: "no_terms" }],
    ["- * ^ : ( )", { kind: "no_terms" }],
  ])("%j is %j", (query, expected) => {
    expect(parseSearchQuery(query)).toEqual(expected);
  });

  it.each([
    ["data sharing", ["data", "sharing"]],
    ['"data sharing" teens', ["data sharing", "teens"]],
    // A quote without its pair is punctuation, not the start of a phrase.
    ['"data sharing', ["data", "sharing"]],
    ['"a b" "c', ["a b", "c"]],
    // Operators of FTS5 and PostgreSQL are plain words here.
    ["NEAR(privacy ban)", ["NEAR(privacy", "ban)"]],
    ["privacy OR ban AND NOT teens", ["privacy", "OR", "ban", "AND", "NOT", "teens"]],
    ["-ban privacy*", ["-ban", "privacy*"]],
    ["Privacy privacy PRIVACY", ["Privacy"]],
    ["  spaced    out  ", ["spaced", "out"]],
    ["café 東京 123", ["café", "東京", "123"]],
    ["nul\u0000byte lone\ud800surrogate", ["nul", "byte", "lone", "surrogate"]],
  ])("%j has the terms %j", (query, terms) => {
    expect(parseSearchQuery(query)).toEqual({ kind: "terms", terms });
  });

  it(`refuses more than ${SEARCH_QUERY_MAX_LENGTH} characters, after collapsing whitespace`, () => {
    expect(parseSearchQuery("a".repeat(SEARCH_QUERY_MAX_LENGTH))).toMatchObject({ kind: "terms" });
    expect(parseSearchQuery(`  ${"a ".repeat(SEARCH_QUERY_MAX_LENGTH / 2)}   `)).toMatchObject({ kind: "terms" });
    expect(parseSearchQuery("a".repeat(SEARCH_QUERY_MAX_LENGTH + 1))).toEqual({ kind: "too_long", length: SEARCH_QUERY_MAX_LENGTH + 1 });
  });

  it(`keeps the first ${SEARCH_MAX_TERMS} terms`, () => {
    const words = Array.from({ length: 20 }, (_, i) => `w${i}`);
    expect(parseSearchQuery(words.join(" "))).toEqual({ kind: "terms", terms: words.slice(0, SEARCH_MAX_TERMS) });
  });
});

describe("toFts5Query", () => {
  it("quotes every term, so nothing in it is FTS5 syntax", () => {
    expect(toFts5Query(["NEAR(privacy", "ban)", "data sharing"])).toBe('"NEAR(privacy" "ban)" "data sharing"');
    expect(toFts5Query(['say "hi"'])).toBe('"say ""hi"""');
  });

  it("yields, for any text, a sequence of well-formed quoted strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (text) => {
        const parsed = parseSearchQuery(text);
        if (parsed.kind !== "terms") return;
        expect(toFts5Query(parsed.terms)).toMatch(/^"(?:[^"]|"")*"(?: "(?:[^"]|"")*")*$/);
      }),
    );
  });
});
