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

// Rendering is pure, and every view of a thread page renders the same bodies again (a 200-comment page spent
// ~30 ms of CPU on it): the most recently used results are kept, within a budget of characters so that long
// comments cannot make the cache large. A Map iterates in insertion order; a hit moves its entry to the end.
export const MARKDOWN_CACHE_CHARS = 4_000_000;
const LARGEST_CACHED = 40_000;
const rendered = new Map<string, string>();
let cachedChars = 0;

/**
 * A comment's Markdown as markdown-it tokens, parsed by the same configured parser that renders it (so a link the
 * reader sees is a link here, and a URL its validator refuses — javascript:, data: — is no link here either).
 */
export function parseMarkdown(source: string) {
  return md.parse(source, {});
}

/** Renders a comment's Markdown to safe HTML. */
export function renderMarkdown(source: string): string {
  const hit = rendered.get(source);
  if (hit !== undefined) {
    rendered.delete(source);
    rendered.set(source, hit);
    return hit;
  }
  const html = md.render(source);
  const size = source.length + html.length;
  if (size <= LARGEST_CACHED) {
    rendered.set(source, html);
    cachedChars += size;
    for (const [oldSource, oldHtml] of rendered) {
      if (cachedChars <= MARKDOWN_CACHE_CHARS) break;
      rendered.delete(oldSource);
      cachedChars -= oldSource.length + oldHtml.length;
    }
  }
  return html;
}

/** The cache's current size, for tests. */
export function markdownCacheStats(): { entries: number; chars: number } {
  return { entries: rendered.size, chars: cachedChars };
}
