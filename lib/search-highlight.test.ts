import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HighlightedText } from "@/components/highlighted-text";
import { MATCH_END, MATCH_START, splitSnippet, tidySnippet } from "./search-highlight";

const marked = (text: string) => `${MATCH_START}${text}${MATCH_END}`;

describe("splitSnippet", () => {
  it("cuts a snippet at its markers", () => {
    expect(splitSnippet(`the ${marked("ban")} and the ${marked("bans")}.`)).toEqual([
      { text: "the ", match: false },
      { text: "ban", match: true },
      { text: " and the ", match: false },
      { text: "bans", match: true },
      { text: ".", match: false },
    ]);
  });

  it("survives markers that do not pair up", () => {
    expect(splitSnippet(`a${MATCH_END}b${MATCH_START}${MATCH_START}c`)).toEqual([
      { text: "ab", match: false },
      { text: "c", match: true },
    ]);
    expect(splitSnippet("")).toEqual([]);
  });
});

describe("HighlightedText", () => {
  it("renders matches as <mark> and everything a comment says as escaped text", () => {
    const snippet = `<script>alert(1)</script> ${marked("<b>privacy</b>")} <mark>fake</mark> <img src=x onerror=alert(1)>`;
    const html = renderToStaticMarkup(createElement(HighlightedText, { text: snippet }));
    expect(html).toBe(
      "&lt;script&gt;alert(1)&lt;/script&gt; <mark>&lt;b&gt;privacy&lt;/b&gt;</mark> &lt;mark&gt;fake&lt;/mark&gt; &lt;img src=x onerror=alert(1)&gt;",
    );
  });
});

describe("tidySnippet", () => {
  it.each([
    ["  first line\n\n> quoted\n- item  ", "first line quoted - item"],
    ["A campaign can be both PR *and* true, **really** _so_ __so__", "A campaign can be both PR and true, really so so"],
    ['see [the coverage](https://example.com/a "t") and `code`', "see the coverage and code"],
    ["5 * 3 = 15, snake_case_name and a * lone star", "5 * 3 = 15, snake_case_name and a * lone star"],
    [`*${marked("PR")}* [${marked("link")}](https://x.test)`, `${marked("PR")} ${marked("link")}`],
  ])("%j reads %j", (source, text) => {
    expect(tidySnippet(source)).toBe(text);
  });
});
