import MarkdownIt from "markdown-it";
import { MENTION_IN_TEXT, mentionKey, trimHandle } from "@/lib/mentions";

// Raw HTML is disabled, so markdown-it escapes it; its link validator refuses javascript:, vbscript:, file: and data: URLs.
const md = new MarkdownIt("commonmark", { html: false, linkify: true, breaks: false });
md.enable(["linkify", "strikethrough"]);
// Comments are conversation: no headings shouting over the thread, no remote images tracking readers.
md.disable(["heading", "lheading", "image"]);

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  // A mention is Agora's own page, not a link the author chose: no nofollow on it.
  if (tokens[idx]!.markup !== "mention") tokens[idx]!.attrSet("rel", "nofollow ugc noopener");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** What rendering a body knows beyond its Markdown: the members its @mentions name (mention key → user id). */
export type RenderEnv = { mentions?: ReadonlyMap<string, string> };

// An @mention of a member becomes a link to their page; one that names nobody stays text. Only text outside links
// is read (code spans and blocks are other tokens), after text_join has merged what character references decoded.
md.core.ruler.push("mention_links", (state) => {
  const mentions = (state.env as RenderEnv | undefined)?.mentions;
  if (!mentions || mentions.size === 0) return;
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const out: typeof block.children = [];
    let linkDepth = 0;
    for (const token of block.children) {
      if (token.type === "link_open") linkDepth += 1;
      if (token.type === "link_close") linkDepth -= 1;
      if (token.type !== "text" || linkDepth > 0 || !token.content.includes("@")) {
        out.push(token);
        continue;
      }
      let last = 0;
      for (const match of token.content.matchAll(new RegExp(MENTION_IN_TEXT.source, "gu"))) {
        const handle = trimHandle(match[1]!);
        const userId = mentions.get(mentionKey(handle));
        if (!userId) continue;
        const start = match.index!;
        if (start > last) out.push(Object.assign(new state.Token("text", "", 0), { content: token.content.slice(last, start) }));
        const open = new state.Token("link_open", "a", 1);
        open.attrs = [
          ["href", `/u/${userId}`],
          ["class", "mention"],
        ];
        open.markup = "mention";
        out.push(open, Object.assign(new state.Token("text", "", 0), { content: `@${handle}` }), new state.Token("link_close", "a", -1));
        last = start + 1 + handle.length;
      }
      if (last === 0) out.push(token);
      else if (last < token.content.length) out.push(Object.assign(new state.Token("text", "", 0), { content: token.content.slice(last) }));
    }
    block.children = out;
  }
});

/**
 * The version of what this module (with lib/sources.ts, which reads its tokens) makes of a body. A comment stores
 * its HTML and sources with the version that made them (lib/cooked-body.ts): bump this whenever the output for
 * some body changes (a rule enabled, an attribute added), and every stored comment is rendered again.
 */
export const RENDERER_VERSION = 2;

/**
 * A comment's Markdown as markdown-it tokens, parsed by the same configured parser that renders it (so a link the
 * reader sees is a link here, and a URL its validator refuses — javascript:, data: — is no link here either).
 */
export function parseMarkdown(source: string, env: RenderEnv = {}) {
  return md.parse(source, env);
}

/**
 * Renders a comment's Markdown to safe HTML. Called when a body is written (lib/cooked-body.ts), not when it is
 * read: a page shows the stored HTML.
 */
export function renderMarkdown(source: string, env: RenderEnv = {}): string {
  return md.render(source, env);
}

/** Renders tokens from parseMarkdown: with it, renderMarkdown in one parse that lib/sources.ts reads as well. */
export function renderMarkdownTokens(tokens: ReturnType<typeof parseMarkdown>, env: RenderEnv = {}): string {
  return md.renderer.render(tokens, md.options, env);
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
