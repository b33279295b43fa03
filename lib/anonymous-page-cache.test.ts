import { describe, expect, it } from "vitest";
import {
  AnonymousPageCache,
  RENDER_HEADER,
  clearSharedAnonymousCache,
  sharedAnonymousCache,
  isCacheRender,
  isCacheable,
  nonceOf,
  withNonce,
  type CachedPage,
  type PageRequest,
} from "./anonymous-page-cache";

const request = (path: string, headers: Record<string, string> = {}, method = "GET"): PageRequest => ({
  method,
  url: new URL(path, "http://127.0.0.1:3000"),
  headers: new Headers({ accept: "text/html,application/xhtml+xml", host: "127.0.0.1:3000", ...headers }),
});

const page = (body: string, nonce = "OLDNONCE"): CachedPage => ({ body, headers: [["content-type", "text/html"]], nonce, storedAt: 0 });

describe("which requests the anonymous cache answers", () => {
  it("a signed-out reader's GET of the home, an article, a thread or a member's page", () => {
    for (const path of ["/", "/a/tiktok-sparks-good", "/t/abc123", "/t/abc123?sort=top", "/t/abc123?after=00001", "/u/abc", "/u/abc?cursor=x"]) {
      expect(isCacheable(request(path)), path).toBe(true);
    }
  });

  it("never a member's request: any session cookie, with or without the __Secure- prefix", () => {
    for (const cookie of ["authjs.session-token=x", "theme=dark; authjs.session-token=x", "__Secure-authjs.session-token=x"]) {
      expect(isCacheable(request("/t/abc123", { cookie })), cookie).toBe(false);
    }
    expect(isCacheable(request("/t/abc123", { cookie: "authjs.callback-url=%2F" }))).toBe(true);
  });

  it("never other pages, other methods, server actions, client navigations or prefetches", () => {
    for (const path of ["/signin", "/u/abc/more", "/mod", "/search?q=x", "/t/abc/c/def", "/t/abc/feed.xml", "/api/health", "/notifications"]) {
      expect(isCacheable(request(path)), path).toBe(false);
    }
    expect(isCacheable(request("/t/abc123", {}, "POST"))).toBe(false);
    expect(isCacheable(request("/t/abc123", {}, "HEAD"))).toBe(false);
    for (const header of ["rsc", "next-action", "next-router-prefetch"]) {
      expect(isCacheable(request("/t/abc123", { [header]: "1" })), header).toBe(false);
    }
    expect(isCacheable(request("/t/abc123", { accept: "application/json" }))).toBe(false);
    expect(isCacheable(request("/t/abc123", { accept: "*/*" }))).toBe(true);
  });

  it("never its own renders, and a visitor cannot pass for one by sending the header", () => {
    expect(isCacheable(request("/t/abc123", { [RENDER_HEADER]: "anything" }))).toBe(false);
    expect(isCacheRender(new Headers({ [RENDER_HEADER]: "anything" }))).toBe(false);
  });
});

describe("nonces", () => {
  it("reads the nonce out of a policy", () => {
    expect(nonceOf("default-src 'self'; script-src 'self' 'nonce-YWJj+/ZA==' 'strict-dynamic'")).toBe("YWJj+/ZA==");
    expect(nonceOf("default-src 'self'")).toBeUndefined();
    expect(nonceOf(null)).toBeUndefined();
  });

  it("gives every answer its own nonce, wherever the cached page carried the old one, headers included", () => {
    const body = `<script nonce="OLDNONCE">a()</script><link nonce="OLDNONCE"><script>self.n="OLDNONCE"</script>`;
    const cached = {
      ...page(body),
      headers: [
        ["link", '</a.css>; rel=preload; as="style"; nonce="OLDNONCE"'],
        ["content-type", "text/html"],
      ] as [string, string][],
    };
    const answer = withNonce(cached, "NEW");
    expect(answer.body).toBe(`<script nonce="NEW">a()</script><link nonce="NEW"><script>self.n="NEW"</script>`);
    expect(answer.headers.get("link")).toBe('</a.css>; rel=preload; as="style"; nonce="NEW"');
    expect(answer.headers.get("content-type")).toBe("text/html");
  });
});

describe("AnonymousPageCache", () => {
  function counting(render: (path: string) => CachedPage | null = (path) => page(`<p>${path}</p>`)) {
    const calls: string[] = [];
    let release: (() => void) | undefined;
    let gate: Promise<void> = Promise.resolve();
    return {
      calls,
      hold() {
        gate = new Promise((resolve) => (release = resolve));
      },
      release: () => release?.(),
      render: async (request: PageRequest) => {
        calls.push(request.url.pathname + request.url.search);
        await gate;
        return render(request.url.pathname + request.url.search);
      },
    };
  }

  it("renders a page once for any number of readers arriving together", async () => {
    const renderer = counting();
    const cache = new AnonymousPageCache(5_000, renderer.render);
    renderer.hold();
    const answers = Array.from({ length: 16 }, () => cache.get(request("/t/hot")));
    renderer.release();
    const pages = await Promise.all(answers);
    expect(renderer.calls).toEqual(["/t/hot"]);
    expect(new Set(pages.map((p) => p?.body))).toEqual(new Set(["<p>/t/hot</p>"]));
  });

  it("renders again once the copy is older than its time to live, serving the stale copy meanwhile", async () => {
    let now = 0;
    let version = 1;
    const renderer = counting(() => page(`v${version}`));
    const cache = new AnonymousPageCache(5_000, renderer.render, () => now);
    expect((await cache.get(request("/t/a")))?.body).toBe("v1");
    now = 4_999;
    expect((await cache.get(request("/t/a")))?.body).toBe("v1");
    expect(renderer.calls).toHaveLength(1);

    version = 2;
    now = 5_000;
    renderer.hold();
    // Stale: answered at once with what it has, one refresh started for everybody.
    expect((await cache.get(request("/t/a")))?.body).toBe("v1");
    expect((await cache.get(request("/t/a")))?.body).toBe("v1");
    expect(renderer.calls).toHaveLength(2);
    renderer.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await cache.get(request("/t/a")))?.body).toBe("v2");
  });

  it("never serves a copy that is much too old: it waits for the new render", async () => {
    let now = 0;
    let version = 1;
    const cache = new AnonymousPageCache(
      5_000,
      async () => page(`v${version}`),
      () => now,
    );
    await cache.get(request("/t/a"));
    version = 2;
    now = 60_000;
    expect((await cache.get(request("/t/a")))?.body).toBe("v2");
  });

  it("keeps pages apart by path, query and the host they were asked for on", async () => {
    const renderer = counting();
    const cache = new AnonymousPageCache(5_000, renderer.render);
    await cache.get(request("/t/a"));
    await cache.get(request("/t/a?sort=top"));
    await cache.get(request("/t/b"));
    await cache.get(request("/t/a", { host: "forum.example.org" }));
    await cache.get(request("/t/a", { "x-forwarded-proto": "https" }));
    expect(renderer.calls).toHaveLength(5);
    await cache.get(request("/t/a"));
    expect(renderer.calls).toHaveLength(5);
  });

  it("keeps nothing it should not (an error page, a redirect) and lets the request render normally", async () => {
    const renderer = counting(() => null);
    const cache = new AnonymousPageCache(5_000, renderer.render);
    expect(await cache.get(request("/t/missing"))).toBeNull();
    expect(await cache.get(request("/t/missing"))).toBeNull();
    expect(renderer.calls).toHaveLength(2);
    expect(cache.size).toBe(0);
  });

  it("answers null when rendering fails, so the reader still gets the page the normal way", async () => {
    const cache = new AnonymousPageCache(5_000, async () => {
      throw new Error("connection refused");
    });
    expect(await cache.get(request("/t/a"))).toBeNull();
  });

  it("holds a bounded number of pages, dropping the oldest", async () => {
    const cache = new AnonymousPageCache(5_000, async (r) => page(r.url.pathname));
    for (let i = 0; i < 80; i++) await cache.get(request(`/t/page${i}`));
    expect(cache.size).toBe(50);
  });

  it("a purge drops every page: the next reader of any of them waits for a fresh render", async () => {
    let version = 1;
    const cache = new AnonymousPageCache(5_000, async (r) => page(`${r.url.pathname} v${version}`));
    await cache.get(request("/"));
    await cache.get(request("/t/a"));
    version = 2;
    expect(cache.clear()).toBe(2);
    expect(cache.size).toBe(0);
    expect((await cache.get(request("/t/a")))?.body).toBe("/t/a v2");
    expect((await cache.get(request("/")))?.body).toBe("/ v2");
  });

  it("a render begun before a purge is not kept (it may show the purged comment), and readers after it get a new one", async () => {
    // Each render waits for its own release, so the one before the purge can finish after the one after it.
    const renders: { version: number; release: () => void }[] = [];
    let version = 1;
    const cache = new AnonymousPageCache(5_000, async () => {
      const seen = version;
      await new Promise<void>((resolve) => renders.push({ version: seen, release: resolve }));
      return page(`v${seen}`);
    });
    const before = cache.get(request("/t/a"));
    cache.clear();
    version = 2;
    const after = cache.get(request("/t/a"));
    expect(renders.map((r) => r.version)).toEqual([1, 2]);
    renders[1]!.release();
    expect((await after)?.body).toBe("v2");
    renders[0]!.release();
    // The reader who asked before the purge gets what was under way; nothing of it is stored.
    expect((await before)?.body).toBe("v1");
    expect((await cache.get(request("/t/a")))?.body).toBe("v2");
    expect(renders).toHaveLength(2);
  });
});

describe("the process's shared cache", () => {
  it("is one cache for every caller, found through globalThis, and clearSharedAnonymousCache empties it", async () => {
    const first = sharedAnonymousCache(5_000, async (r) => page(r.url.pathname));
    expect(sharedAnonymousCache(1_000)).toBe(first);
    await first.get(request("/t/a"));
    expect(first.size).toBe(1);
    expect(clearSharedAnonymousCache()).toBe(1);
    expect(first.size).toBe(0);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("agora.anonymousPageCache")]).toBe(first);
  });
});
