import { describe, expect, it } from "vitest";
import { literalTag, XSS_PAYLOADS } from "@/e2e/xss-payloads";
import { cookBody } from "./cooked-body";
import { renderMarkdown } from "./markdown";

// Everything the comment renderer may emit; markdown-it escapes the rest ("<" in text is always "&lt;").
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  p: [],
  em: [],
  strong: [],
  s: [],
  code: ["class"],
  pre: [],
  blockquote: [],
  ul: [],
  ol: ["start"],
  li: [],
  br: [],
  hr: [],
  a: ["href", "title", "rel"],
};
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

type Tag = { name: string; attributes: Record<string, string> };

/** markdown-it escapes exactly these four in text and attribute values. */
function decode(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
}

function tagsOf(html: string): Tag[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map(([, name, rest]) => ({
    name: name!.toLowerCase(),
    attributes: Object.fromEntries([...rest!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map(([, key, value]) => [key!.toLowerCase(), decode(value ?? "")])),
  }));
}

/** The visible text: tags dropped, entities decoded. */
function textOf(html: string): string {
  return decode(html.replace(/<[^>]*>/g, ""));
}

/** How a browser reads a URL attribute: leading C0 controls and spaces dropped, tabs and newlines removed. */
function browserProtocol(href: string): string {
  const cleaned = href.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, "");
  return new URL(cleaned, "https://agora.example/t/1").protocol;
}

describe("renderMarkdown with the stored-XSS corpus", () => {
  it("has at least 60 payloads with unique markers", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(XSS_PAYLOADS.map((payload) => payload.marker)).size).toBe(XSS_PAYLOADS.length);
    for (const payload of XSS_PAYLOADS) expect(payload.text).toContain(payload.marker);
  });

  describe.each(XSS_PAYLOADS.map((payload) => [`${payload.marker} (${payload.kind})`, payload] as const))("%s", (_name, payload) => {
    const html = renderMarkdown(payload.text);
    const tags = tagsOf(html);

    it("is stored exactly as rendered: the HTML a comment keeps (cookBody) is this HTML", () => {
      expect(cookBody(payload.text).bodyHtml).toBe(html);
    });

    it("emits only the renderer's own tags and attributes", () => {
      for (const tag of tags) {
        expect(Object.keys(ALLOWED_ATTRIBUTES), html).toContain(tag.name);
        for (const attribute of Object.keys(tag.attributes)) expect(ALLOWED_ATTRIBUTES[tag.name], html).toContain(attribute);
      }
      // A raw "<" in the output outside a tag would mean something escaped the escaping.
      expect(html.replace(/<\/?[a-z]+(?:\s+[a-z]+="[^"]*")*\s*\/?>/g, ""), html).not.toContain("<");
    });

    it("links only to http, https, mailto or this site", () => {
      for (const tag of tags.filter((candidate) => candidate.name === "a" && "href" in candidate.attributes)) {
        const href = tag.attributes.href!;
        expect(href, html).not.toMatch(/^\s*(javascript|data|vbscript):/i);
        expect(SAFE_PROTOCOLS.has(browserProtocol(href)), `${href} in ${html}`).toBe(true);
      }
    });

    it("shows the payload's marker, and any markup it wrote, as text", () => {
      const text = textOf(html);
      expect(text, html).toContain(payload.marker);
      const tag = literalTag(payload);
      // Entities in the source turn into the characters they name, so only literal "<tag" must survive verbatim.
      if (tag && payload.text.includes(tag)) expect(text, html).toContain(tag);
    });
  });
});
