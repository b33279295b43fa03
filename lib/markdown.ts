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

/** Renders a comment's Markdown to safe HTML. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
