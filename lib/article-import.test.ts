import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleSeedSchema } from "@/seeds/article-seed";
import { ARTICLE_MAX_BYTES, ArticleImportError, excerptProblem, findRawHtml, parseArticleFile, parseArticleText, shorten, slugify } from "./article-import";

// The article as the editor gave it, kept in the repository beside its points.
const TIKTOK_FILE = path.join(process.cwd(), "seeds", "articles", "tiktok-sparks-good.txt");

function importError(run: () => unknown): ArticleImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ArticleImportError);
    return error as ArticleImportError;
  }
  throw new Error("expected an ArticleImportError");
}

describe("parseArticleText with Markdown headings", () => {
  const markdown = [
    "# Why Cities Need *More* Trees",
    "",
    "Shade is infrastructure. This article makes three claims.",
    "",
    "## Trees cool streets",
    "",
    "Tree-lined streets are several degrees cooler in summer. That saves lives in heat waves. It also cuts energy use.",
    "",
    "### A note on data",
    "",
    "Measurements come from city sensors.",
    "",
    "## Trees are [cheap](https://example.com/costs)",
    "",
    "A tree costs less than a **single** air conditioner.",
    "",
    "## Empty section",
    "",
    "## Trees need care",
    "",
    "Young trees die without watering.",
  ].join("\n");

  const seed = parseArticleText(markdown);

  it("takes the title from the first # heading, without Markdown", () => {
    expect(seed.title).toBe("Why Cities Need More Trees");
    expect(seed.slug).toBe("why-cities-need-more-trees");
  });

  it("makes one point per headed section, skipping sections without text", () => {
    expect(seed.points.map((point) => point.title)).toEqual(["Trees cool streets", "Trees are cheap", "Trees need care"]);
  });

  it("summarises a section by its first sentences and keeps sub-headings inside the section", () => {
    const [cool] = seed.points;
    expect(cool?.summary).toBe("Tree-lined streets are several degrees cooler in summer. That saves lives in heat waves.");
    expect(cool?.excerpt).toContain("A note on data");
    expect(cool?.excerpt).toContain("Measurements come from city sensors.");
  });

  it("uses the intro paragraph as the article summary", () => {
    expect(seed.summary).toBe("Shade is infrastructure. This article makes three claims.");
  });

  it("produces a schema-valid seed with the default source", () => {
    expect(articleSeedSchema.parse(seed)).toEqual(seed);
    expect(seed.source).toMatch(/source not recorded/);
  });

  it("ignores # lines inside code fences", () => {
    const withCode = "# Title\n\n## Setup\n\n```sh\n# install first\nnpm install\n```\n\n## Use\n\nRun it.";
    expect(parseArticleText(withCode).points.map((point) => point.title)).toEqual(["Setup", "Use"]);
  });

  it("accepts setext headings", () => {
    const setext = "Title Here\n==========\n\nFirst part\n----------\n\nBody one.\n\nSecond part\n-----------\n\nBody two.";
    const parsed = parseArticleText(setext);
    expect(parsed.title).toBe("Title Here");
    expect(parsed.points.map((point) => point.title)).toEqual(["First part", "Second part"]);
  });
});

describe("parseArticleText with plain paragraphs", () => {
  const text = [
    "A Plain Title",
    "",
    "The first paragraph makes a point. It goes on a little.",
    "",
    "The second paragraph is wrapped",
    "over two lines! And then continues.",
    "",
    "A third paragraph whose first sentence is deliberately far too long to be a thread title so it must be cut at a word boundary.",
  ].join("\n");

  const seed = parseArticleText(text, { slug: "Plain Title!", source: "Written for the tests" });

  it("takes the first line as the title and makes one point per paragraph", () => {
    expect(seed.title).toBe("A Plain Title");
    expect(seed.points).toHaveLength(3);
  });

  it("titles each point by its first sentence, shortened to 80 characters at a word boundary", () => {
    expect(seed.points[0]?.title).toBe("The first paragraph makes a point");
    expect(seed.points[1]?.title).toBe("The second paragraph is wrapped over two lines!");
    const longTitle = seed.points[2]?.title ?? "";
    expect(longTitle.length).toBeLessThanOrEqual(80);
    expect(longTitle).toMatch(/ cut…$|\w…$/);
    expect(longTitle.endsWith(" …")).toBe(false);
  });

  it("uses the paragraph text as the excerpt and the first paragraph as the article summary", () => {
    expect(seed.points[1]?.excerpt).toBe("The second paragraph is wrapped over two lines! And then continues.");
    expect(seed.summary).toBe("The first paragraph makes a point. It goes on a little.");
  });

  it("uses the given slug (normalised) and source", () => {
    expect(seed.slug).toBe("plain-title");
    expect(seed.source).toBe("Written for the tests");
  });

  it("turns a single paragraph into a single point", () => {
    const single = parseArticleText("Title\n\nJust one paragraph of text. With two sentences.");
    expect(single.points).toEqual([
      {
        title: "Just one paragraph of text",
        summary: "Just one paragraph of text. With two sentences.",
        excerpt: "Just one paragraph of text. With two sentences.",
      },
    ]);
  });

  it("caps summaries and excerpts at 300 characters on a word boundary", () => {
    const long = `Title\n\n${"word ".repeat(200)}end.`;
    const [point] = parseArticleText(long).points;
    expect(point?.summary.length).toBeLessThanOrEqual(300);
    expect(point?.excerpt.length).toBeLessThanOrEqual(300);
    expect(point?.excerpt).toMatch(/word…$/);
  });

  it("accepts Windows line endings and a byte-order mark", () => {
    const parsed = parseArticleText("\uFEFFTitle\r\n\r\nOne.\r\n\r\nTwo.");
    expect(parsed.title).toBe("Title");
    expect(parsed.points.map((point) => point.excerpt)).toEqual(["One.", "Two."]);
  });

  it("refuses more paragraphs than an article can have threads", () => {
    const many = `Title\n\n${Array.from({ length: 101 }, (_, i) => `Paragraph ${i}.`).join("\n\n")}`;
    expect(importError(() => parseArticleText(many)).message).toMatch(/at most 100 threads/);
  });
});

describe("Markdown stripping", () => {
  const seed = parseArticleText(
    [
      "# The **Bold** and _the_ [Linked](https://example.com) ##",
      "",
      "> Quoted *emphasis*, `code`, ~~struck~~ and ![an image](pic.png) with snake_case_names and 2 * 3 * 4.",
      "",
      "- first item",
      "- second item",
    ].join("\n"),
  );

  it("strips emphasis, links, code and heading hashes from the title and summaries", () => {
    expect(seed.title).toBe("The Bold and the Linked");
    expect(seed.points[0]?.summary).toBe("Quoted emphasis, code, struck and an image with snake_case_names and 2 * 3 * 4.");
  });

  it("keeps list items apart", () => {
    expect(seed.points[1]?.excerpt).toBe("first item\nsecond item");
    expect(seed.points[1]?.summary).toBe("first item; second item");
  });
});

describe("rejected input", () => {
  it("rejects an empty article", () => {
    expect(importError(() => parseArticleText("")).message).toBe("The article file is empty");
    expect(importError(() => parseArticleFile(Buffer.alloc(0))).message).toBe("The article file is empty");
  });

  it("rejects a whitespace-only article", () => {
    expect(importError(() => parseArticleText("  \n\t\n  ")).message).toBe("The article file is empty");
  });

  it("rejects a title without body paragraphs", () => {
    expect(importError(() => parseArticleText("# Only a title\n\n")).message).toMatch(/title but no body/);
    expect(importError(() => parseArticleText("# Title\n\n## Empty\n\n## Also empty")).message).toMatch(/no body/);
  });

  it("rejects a binary buffer containing NUL bytes", () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(importError(() => parseArticleFile(binary)).message).toMatch(/does not look like a text file/);
  });

  it("rejects text made mostly of control or replacement characters", () => {
    const garbage = "Title\n\n" + "\u0001\u0002\uFFFD\u0007".repeat(20);
    expect(importError(() => parseArticleText(garbage)).message).toMatch(/does not look like a text file/);
    expect(importError(() => parseArticleText("Title\n\nText\u0000more")).message).toMatch(/not look like a text/);
  });

  it("rejects invalid UTF-8", () => {
    const latin1 = Buffer.from("Caf\xe9 society\n\nA paragraph about caf\xe9s.", "latin1");
    expect(importError(() => parseArticleFile(latin1)).message).toMatch(/not valid UTF-8/);
  });

  it("rejects a slug option with no usable characters", () => {
    expect(importError(() => parseArticleText("Title\n\nBody.", { slug: "!!!" })).message).toMatch(/slug/);
  });
});

describe("slugify and shorten", () => {
  it("makes lowercase ASCII slugs of at most 60 characters, falling back to 'article'", () => {
    expect(slugify("Café Society: TikTok's “Sparks Good”")).toBe("cafe-society-tiktoks-sparks-good");
    expect(slugify("日本語")).toBe("article");
    const long = slugify("word ".repeat(30));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("cuts at a word boundary and marks the cut", () => {
    expect(shorten("one two three", 20)).toBe("one two three");
    expect(shorten("one two three four", 12)).toBe("one two…");
  });
});

describe("the real TikTok article", () => {
  it("gives at least five points", () => {
    const seed = parseArticleFile(readFileSync(TIKTOK_FILE));
    expect(seed.title).toBe("The Unexpected Benefits of TikTok: How the Platform Is Bringing Positive Change");
    expect(seed.points.length).toBeGreaterThanOrEqual(5);
    expect(articleSeedSchema.safeParse(seed).success).toBe(true);
  });
});

describe("the checks the web form and the CLI share", () => {
  it("refuses an article over the size limit, from a file or pasted", () => {
    const big = `# Big\n\n${"word ".repeat(ARTICLE_MAX_BYTES / 5 + 10)}`;
    expect(() => parseArticleFile(Buffer.from(big))).toThrow(/larger than 256 KB/);
    expect(() => parseArticleText(big)).toThrow(/larger than 256 KB/);
  });

  it("keeps the article's text with the seed, for the excerpt check", () => {
    expect(parseArticleText("# T\n\nFirst paragraph.\n\nSecond one.").body).toBe("# T\n\nFirst paragraph.\n\nSecond one.");
  });

  it("refuses raw HTML when asked to (the web form), naming the tag; the CLI keeps stripping inline tags", () => {
    const html = '# Title\n\n<div class="x">A paragraph.</div>';
    expect(() => parseArticleText(html, { refuseHtml: true })).toThrow('The article contains raw HTML (<div class="x">); paste it as plain text or Markdown');
    expect(parseArticleText(html).points[0]!.excerpt).toBe("A paragraph.");
  });
});

describe("findRawHtml", () => {
  it.each([
    ["a tag", "Hello <b>world</b>", "<b>"],
    ["a script", "<script>alert(1)</script>", "<script>"],
    ["a comment", "text <!-- hidden -->", "<!--"],
    ["a self-closing tag", "line<br/>break", "<br/>"],
    ["a comparison", "a < b and c > d", null],
    ["an autolink", "see <https://example.org/page>", null],
    ["an email autolink", "write to <editor@example.org>", null],
    ["a tag in inline code", "use `<div>` for blocks", null],
    ["a tag in a code fence", "```\n<div>\n```", null],
  ])("%s", (_name, text, expected) => {
    expect(findRawHtml(text)).toBe(expected);
  });
});

describe("excerptProblem: an excerpt must be the article's own words", () => {
  const article =
    "# Title\n\n## Rents\n\nA home left **empty** is a home nobody can rent.\nIn tight markets every empty flat pushes rents up.\n\n- first item\n- second item";
  it.each([
    ["a passage word for word", "A home left empty is a home nobody can rent.", null],
    ["across a line break", "nobody can rent. In tight markets", null],
    ["cut short with …", "In tight markets every empty…", null],
    ["cut short with ...", "In tight markets every empty...", null],
    ["in quotation marks", "“every empty flat pushes rents up”", null],
    ["with the Markdown the article used", "A home left **empty**", null],
    ["a heading's words", "Rents", null],
    ["list items", "first item second item", null],
    ["invented words", "Rents always rise", /not the article's own words/],
    ["a changed word", "A home left vacant is a home nobody can rent.", /not the article's own words/],
    ["nothing", "  …  ", /The excerpt is empty/],
  ])("%s", (_name, excerpt, expected) => {
    const problem = excerptProblem(excerpt, article);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it("accepts every excerpt the parser proposes", () => {
    const text = "# T\n\n## One\n\nA long paragraph that goes on. ".concat("And on, ".repeat(60), "\n\nAnother paragraph.\n\n## Two\n\nShort one.");
    const seed = parseArticleText(text);
    for (const point of seed.points) expect(excerptProblem(point.excerpt, text), point.excerpt).toBeNull();
  });
});
