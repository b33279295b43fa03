// The anonymous cache: signed-out readers of the home, article, thread and member pages get a copy rendered at most
// ANONYMOUS_CACHE_SECONDS ago (Discourse's "anonymous cache" idea). A busy thread then costs one render every few
// seconds instead of one per reader, however many readers arrive. Members (a session cookie), server actions,
// client-side navigations (RSC requests) and every other path always render fresh.
//
// Only proxy.ts can answer before Next.js renders, but it cannot see what Next.js renders; so on a miss the cache
// asks this same server for the page (a request marked with a per-process secret, which proxy.ts lets through),
// keeps the HTML, and answers with it. Each answer gets a fresh CSP nonce: the cached page's nonce is replaced
// wherever it occurs, so no two responses share one, cached or not.
import { randomUUID } from "node:crypto";

/** Marks the cache's own requests for a page; its value is a per-process secret, so no visitor can forge one. */
export const RENDER_HEADER = "x-agora-anonymous-render";
const RENDER_SECRET = randomUUID();

/** Auth.js's session cookie (with the __Secure- prefix behind HTTPS): its presence means a member, maybe signed in. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=/;
/** The pages worth caching: what signed-out readers open most (a member's page is linked from every comment). */
const CACHED_PATH = /^\/(?:$|a\/[^/]+$|t\/[^/]+$|u\/[^/]+$)/;
/** Headers that belong to one response, or that the proxy sets itself on every answer. */
const DROPPED_HEADERS = new Set([
  "connection",
  "content-encoding",
  "content-length",
  "content-security-policy",
  "date",
  "keep-alive",
  "set-cookie",
  "transfer-encoding",
  "x-request-id",
]);
/** A stale copy is served while one refresh runs, but never one older than this. */
const MAX_STALE_MS = 30_000;
const MAX_ENTRIES = 50;
const MAX_BODY_BYTES = 2_000_000;

export type CachedPage = { body: string; headers: [string, string][]; nonce: string; storedAt: number };

export type PageRequest = {
  method: string;
  url: URL;
  headers: Headers;
};

/** Whether a request may be answered from the cache: a signed-out reader's plain GET of a cached page. */
export function isCacheable(request: PageRequest): boolean {
  const { headers } = request;
  if (request.method !== "GET" || !CACHED_PATH.test(request.url.pathname)) return false;
  if (headers.has(RENDER_HEADER) || headers.has("rsc") || headers.has("next-action") || headers.has("next-router-prefetch")) return false;
  if (SESSION_COOKIE.test(headers.get("cookie") ?? "")) return false;
  return (headers.get("accept") ?? "*/*").split(",").some((type) => /^\s*(?:text\/html|\*\/\*)/.test(type));
}

/** Whether a request is the cache's own render of a page (and not a visitor pretending to be one). */
export function isCacheRender(headers: Headers): boolean {
  return headers.get(RENDER_HEADER) === RENDER_SECRET;
}

/** The nonce a content security policy allows scripts by. */
export function nonceOf(policy: string | null): string | undefined {
  return /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(policy ?? "")?.[1];
}

/**
 * The cached page with its nonce replaced by a fresh one, in the body and in headers (Link preloads carry it too).
 * The old nonce is random, so it matches nothing else.
 */
export function withNonce(page: CachedPage, nonce: string): { body: string; headers: Headers } {
  const headers = new Headers();
  for (const [name, value] of page.headers) headers.append(name, value.replaceAll(page.nonce, nonce));
  return { body: page.body.replaceAll(page.nonce, nonce), headers };
}

/** Asks the server for a page as a signed-out reader would see it; null when the answer is not one to keep. */
export type Renderer = (request: PageRequest) => Promise<CachedPage | null>;

/** Renders through this same server: `next start` sets PORT; the Host the visitor used is forwarded, so links match. */
export const renderThroughServer: Renderer = async (request) => {
  const target = new URL(request.url.pathname + request.url.search, `http://127.0.0.1:${process.env.PORT ?? 3000}`);
  const headers = new Headers({ accept: "text/html", [RENDER_HEADER]: RENDER_SECRET });
  headers.set("x-forwarded-host", request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.url.host);
  headers.set("x-forwarded-proto", request.headers.get("x-forwarded-proto") ?? request.url.protocol.replace(/:$/, ""));
  const response = await fetch(target, { headers, redirect: "manual", cache: "no-store" });
  const body = await response.text();
  const nonce = nonceOf(response.headers.get("content-security-policy"));
  if (response.status !== 200 || !nonce || response.headers.has("set-cookie") || body.length > MAX_BODY_BYTES) return null;
  const kept = [...response.headers].filter(([name]) => !DROPPED_HEADERS.has(name.toLowerCase()));
  return { body, headers: kept, nonce, storedAt: Date.now() };
};

/** The key: the page and the origin it was asked for on (links and Open Graph tags are built on it). */
export function cacheKey(request: PageRequest): string {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? request.url.protocol;
  return `${proto}|${host}|${request.url.pathname}${request.url.search}`;
}

/** A bounded, single-flight page cache: one render per page per period, however many readers ask at once. */
export class AnonymousPageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly refreshing = new Map<string, Promise<CachedPage | null>>();
  /** Moves on every purge: a render begun before one may show what was purged, so it is not kept. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly render: Renderer = renderThroughServer,
    private readonly now: () => number = Date.now,
  ) {}

  /** The page for this request, rendered or from the cache; null when it cannot be cached (render it normally). */
  async get(request: PageRequest): Promise<CachedPage | null> {
    const key = cacheKey(request);
    const entry = this.entries.get(key);
    const age = entry ? this.now() - entry.storedAt : Infinity;
    if (entry && age < this.ttlMs) return entry;
    const refresh = this.refresh(key, request);
    // Stale but recent: answer at once, while one refresh runs for everybody.
    if (entry && age < this.ttlMs + MAX_STALE_MS) return entry;
    return refresh;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Drops every page, and forgets the renders under way: the next reader of any page waits for a fresh one.
   * Every page rather than the changed thread's: a hidden comment also changes its article's and the home page's
   * counts, and at most MAX_ENTRIES pages are rendered again, once each.
   */
  clear(): number {
    const dropped = this.entries.size;
    this.entries.clear();
    this.refreshing.clear();
    this.generation++;
    return dropped;
  }

  private refresh(key: string, request: PageRequest): Promise<CachedPage | null> {
    const running = this.refreshing.get(key);
    if (running) return running;
    const generation = this.generation;
    const started: Promise<CachedPage | null> = this.render(request)
      .then((page) => {
        // Rendered (maybe) before a purge: its readers, who asked before it, get it; nobody after them does.
        if (generation !== this.generation) return page;
        if (page) this.store(key, { ...page, storedAt: this.now() });
        else this.entries.delete(key);
        return page;
      })
      .catch(() => null)
      .finally(() => {
        if (this.refreshing.get(key) === started) this.refreshing.delete(key);
      });
    this.refreshing.set(key, started);
    return started;
  }

  private store(key: string, page: CachedPage): void {
    this.entries.delete(key);
    this.entries.set(key, page);
    // Oldest first in a Map's order: the least recently stored page goes.
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

// proxy.ts and the code that purges (server actions, the PostgreSQL listener started by instrumentation.ts) are
// bundled apart, so a module-level variable here would be one per bundle: the process's one cache lives on
// globalThis, under a registered symbol every bundle's copy of this module finds.
const SHARED_CACHE = Symbol.for("agora.anonymousPageCache");
type WithSharedCache = typeof globalThis & { [SHARED_CACHE]?: AnonymousPageCache };

/** This process's anonymous cache, created on first use (proxy.ts): every bundle gets the same one. */
export function sharedAnonymousCache(ttlMs: number, render: Renderer = renderThroughServer): AnonymousPageCache {
  const shared = globalThis as WithSharedCache;
  return (shared[SHARED_CACHE] ??= new AnonymousPageCache(ttlMs, render));
}

/** Empties this process's anonymous cache, if it has one; returns how many pages were dropped. */
export function clearSharedAnonymousCache(): number {
  return (globalThis as WithSharedCache)[SHARED_CACHE]?.clear() ?? 0;
}
