import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleSeedSchema } from "../article-seed";
import { tiktokSparksGood } from "./tiktok-sparks-good";

// The article as the editor gave it, kept in the repository beside its points.
const SOURCE_FILE = path.join(process.cwd(), "seeds", "articles", "tiktok-sparks-good.txt");

describe("the TikTok Sparks Good seed", () => {
  it("is a valid article seed", () => {
    expect(articleSeedSchema.parse(tiktokSparksGood)).toEqual(tiktokSparksGood);
  });

  it("has at least five points with short titles and excerpts", () => {
    expect(tiktokSparksGood.points.length).toBeGreaterThanOrEqual(5);
    for (const point of tiktokSparksGood.points) {
      expect(point.title.length).toBeLessThanOrEqual(120);
      expect(point.excerpt.length).toBeLessThanOrEqual(300);
    }
  });

  it("has no source URL, since none is known", () => {
    expect(tiktokSparksGood.sourceUrl).toBeUndefined();
  });

  it("quotes the article verbatim in every excerpt", () => {
    const source = readFileSync(SOURCE_FILE, "utf8");
    for (const point of tiktokSparksGood.points) {
      expect(source, `excerpt of "${point.title}"`).toContain(point.excerpt);
    }
  });
});
