import MarkdownIt from "markdown-it";

// Raw HTML is disabled, so markdown-it escapes it; its link validator refuses javascript:, vbscript:, file: and data: URLs.
const md = new MarkdownIt("commonmark", { html: false, linkify: true, breaks: false });
md.enable(["linkify", "strikethrough"]);
// Comments are conversation: no headings shouting over the thread, no remote images tracking readers.
md.disable(["heading", "lheading", "image"]);

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet("rel", "nofollow ugc noopener");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * The version of what this module (with lib/sources.ts, which reads its tokens) makes of a body. A comment stores
 * its HTML and sources with the version that made them (lib/cooked-body.ts): bump this whenever the output for
 * some body changes (a rule enabled, an attribute added), and every stored comment is rendered again.
 */
export const RENDERER_VERSION = 1;

/**
 * A comment's Markdown as markdown-it tokens, parsed by the same configured parser that renders it (so a link the
 * reader sees is a link here, and a URL its validator refuses — javascript:, data: — is no link here either).
 */
export function parseMarkdown(source: string) {
  return md.parse(source, {});
}

/**
 * Renders a comment's Markdown to safe HTML. Called when a body is written (lib/cooked-body.ts), not when it is
 * read: a page shows the stored HTML.
 */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Renders tokens from parseMarkdown: with it, renderMarkdown in one parse that lib/sources.ts reads as well. */
export function renderMarkdownTokens(tokens: ReturnType<typeof parseMarkdown>): string {
  return md.renderer.render(tokens, md.options, {});
}

type MarkdownToken = ReturnType<typeof parseMarkdown>[number];

function inlineText(children: readonly MarkdownToken[]): string {
  let text = "";
  for (const child of children) {
    if (child.type === "text" || child.type === "code_inline" || child.type === "text_special") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += "\n";
    else if (child.children) text += inlineText(child.children);
    // Emphasis, links and strikethrough markers add nothing: "zork**b**lat" reads "zorkblat".
  }
  return text;
}

/**
 * The text a reader sees once a body is rendered: character references decoded, Markdown markers gone, emphasis
 * inside a word joined to it, blocks and lines apart. What the word filter reads (lib/word-filter.ts).
 */
export function readerText(source: string): string {
  const blocks: string[] = [];
  for (const token of parseMarkdown(source)) {
    if (token.type === "inline") blocks.push(inlineText(token.children ?? []));
    else if (token.type === "fence" || token.type === "code_block") blocks.push(token.content);
  }
  return blocks.join("\n");
}
