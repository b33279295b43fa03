import { describe, expect, it } from "vitest";
import { XSS_PAYLOADS } from "@/e2e/xss-payloads";
import { citesSource, displayDomain, extractSources, SOURCE_TITLE_MAX } from "./sources";

describe("extractSources", () => {
  it("takes a written link's text as its title and its host, without www., as its domain", () => {
    expect(extractSources("As [the BBC reported](https://www.bbc.co.uk/news/science-123), it rose.")).toEqual([
      { url: "https://www.bbc.co.uk/news/science-123", domain: "bbc.co.uk", title: "the BBC reported" },
    ]);
  });

  it("keeps the words of formatted link text and drops the formatting", () => {
    expect(extractSources("[The **official** `report`](http://example.org/r)")[0]!.title).toBe("The official report");
  });

  it("counts bare URLs and autolinks, titled by their path", () => {
    const sources = extractSources("See https://example.com/papers/2024/study%20one.pdf and <https://ex.org/a?b=1>");
    expect(sources).toEqual([
      { url: "https://example.com/papers/2024/study%20one.pdf", domain: "example.com", title: "/papers/2024/study one.pdf" },
      { url: "https://ex.org/a?b=1", domain: "ex.org", title: "/a?b=1" },
    ]);
  });

  it("titles a bare link to a site's root by its domain", () => {
    expect(extractSources("https://www.nature.com/")[0]).toMatchObject({ domain: "nature.com", title: "nature.com" });
  });

  it("never turns javascript:, data:, vbscript: or file: links into cards", () => {
    const body = [
      "[a](javascript:alert(1))",
      "[b](JaVaScRiPt:alert(1))",
      "[c](data:text/html;base64,PHNjcmlwdD4=)",
      "[d](vbscript:msgbox(1))",
      "[e](file:///etc/passwd)",
      "<javascript:alert(1)>",
      "[f](java\tscript:alert(1))",
    ].join("\n\n");
    expect(extractSources(body)).toEqual([]);
  });

  it("leaves out mailto:, relative links and links carrying credentials", () => {
    expect(extractSources("[m](mailto:a@b.c) [r](/t/abc) [u](https://user:pw@example.com/x)")).toEqual([]);
  });

  it("deduplicates by URL, a written title winning over a bare mention", () => {
    const sources = extractSources("https://example.com/a then [Example A](https://example.com/a) and [again](https://example.com/a)");
    expect(sources).toEqual([{ url: "https://example.com/a", domain: "example.com", title: "Example A" }]);
  });

  it("keeps distinct URLs apart, in order of first mention", () => {
    const urls = extractSources("[1](https://a.example/1) [2](https://b.example/2) [1 again](https://a.example/1)").map((s) => s.url);
    expect(urls).toEqual(["https://a.example/1", "https://b.example/2"]);
  });

  it("truncates long titles on a character boundary, with an ellipsis", () => {
    const title = extractSources(`[${"😀".repeat(200)}](https://example.com/x)`)[0]!.title;
    expect(Array.from(title)).toHaveLength(SOURCE_TITLE_MAX);
    expect(title.endsWith("…")).toBe(true);
    expect(title).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("keeps unicode titles and strips bidi overrides, zero-width and control characters", () => {
    expect(extractSources("[Ünïcödé 東京 report](https://example.com/u)")[0]!.title).toBe("Ünïcödé 東京 report");
    expect(extractSources("[txt.exe\u202Egpj\u200B](https://example.com/v)")[0]!.title).toBe("txt.exegpj");
  });

  it("reads links inside lists and quotes", () => {
    expect(extractSources("> quoted [q](https://q.example/)\n\n- item [l](https://l.example/)").map((s) => s.domain)).toEqual(["q.example", "l.example"]);
  });

  it("finds nothing in a body without links", () => {
    expect(extractSources("Just words. No sources here.")).toEqual([]);
    expect(citesSource("Just words.")).toBe(false);
    expect(citesSource("[x](https://example.com)")).toBe(true);
  });

  it("gives only http(s) cards with clean titles for every payload of the stored-XSS corpus", () => {
    for (const payload of XSS_PAYLOADS) {
      for (const source of extractSources(payload.text)) {
        expect(["http:", "https:"]).toContain(new URL(source.url).protocol);
        expect(source.title).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        expect(source.domain).toMatch(/^[\p{L}\p{M}\p{N}.-]+$/u);
      }
    }
  });
});

describe("displayDomain", () => {
  it("drops www. and lower-cases", () => {
    expect(displayDomain("WWW.Example.COM")).toBe("example.com");
  });

  it("shows a single-script IDN in Unicode", () => {
    expect(displayDomain("xn--mnchen-3ya.de")).toBe("münchen.de");
    expect(displayDomain("xn--wgv71a119e.jp")).toBe("日本語.jp");
  });

  it("keeps the xn-- form of a label that mixes scripts or spells a Latin-looking name in Cyrillic", () => {
    // "pаypal" with a Cyrillic а, and "аррӏе" written entirely in Cyrillic.
    const mixed = new URL("https://p\u0430ypal.com").hostname;
    expect(displayDomain(mixed)).toBe(mixed);
    expect(displayDomain(mixed)).toMatch(/^xn--/);
    const wholeScript = new URL("https://\u0430\u0440\u0440\u04cf\u0435.com").hostname;
    expect(displayDomain(wholeScript)).toMatch(/^xn--/);
  });

  it("shows a Cyrillic name that cannot pass for Latin in Cyrillic", () => {
    expect(displayDomain(new URL("https://президент.рф").hostname)).toBe("президент.рф");
  });
});
