import { describe, expect, it } from "vitest";
import { parseMarkdown, renderMarkdown, renderMarkdownTokens } from "./markdown";

describe("renderMarkdown", () => {
  it("renders paragraphs, emphasis, lists, quotes and code", () => {
    const html = renderMarkdown("*one* **two** ~~three~~\n\n- a\n- b\n\n> quoted\n\n`code`\n\n```\nblock\n```");
    expect(html).toContain("<em>one</em>");
    expect(html).toContain("<strong>two</strong>");
    expect(html).toContain("<s>three</s>");
    expect(html).toContain("<li>a</li>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<pre><code>block\n</code></pre>");
  });

  it("marks every link nofollow ugc noopener, including bare URLs", () => {
    expect(renderMarkdown("[site](https://example.com)")).toContain('<a href="https://example.com" rel="nofollow ugc noopener">site</a>');
    expect(renderMarkdown("see https://example.com/x")).toContain('rel="nofollow ugc noopener"');
  });

  it("escapes raw HTML instead of rendering it", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror="alert(1)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it.each(["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4="])("refuses a %s link", (url) => {
    expect(renderMarkdown(`[click](${url})`)).not.toContain("<a");
  });

  it("does not load remote images or render headings", () => {
    expect(renderMarkdown("![tracker](https://example.com/pixel.png)")).not.toContain("<img");
    expect(renderMarkdown("# Shouting")).not.toContain("<h1");
  });

  it("renders the tokens of one parse exactly as renderMarkdown renders the body", () => {
    const source = "*one* [two](https://example.com/2) https://example.org/three\n\n> four `five`";
    expect(renderMarkdownTokens(parseMarkdown(source))).toBe(renderMarkdown(source));
  });
});
