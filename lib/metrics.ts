// Prometheus metrics (prom-client), served by app/api/metrics/route.ts behind METRICS_TOKEN. One registry per
// process on globalThis (Next.js bundles server code in several layers). Everything on the hot path is a counter
// increment or a histogram observation: no I/O, no allocation beyond the label lookup; the pool's gauges are read
// only when Prometheus scrapes.
import http from "node:http";
import type pg from "pg";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

type Metrics = {
  registry: Registry;
  requestDuration: Histogram<"route" | "method" | "status">;
  queryDuration: Histogram;
  anonymousCache: Counter<"result">;
  commentsPosted: Counter;
  moderationActions: Counter<"action">;
  errors: Counter<"kind">;
};

const SHARED = Symbol.for("agora.metrics");
const POOL = Symbol.for("agora.pgPool");
type Holder = typeof globalThis & { [SHARED]?: Metrics; [POOL]?: pg.Pool };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "agora_" });
  const pool = () => (globalThis as Holder)[POOL];
  for (const [name, help, read] of [
    ["agora_db_pool_connections", "PostgreSQL pool: open connections", (p: pg.Pool) => p.totalCount],
    ["agora_db_pool_idle", "PostgreSQL pool: idle connections", (p: pg.Pool) => p.idleCount],
    ["agora_db_pool_waiting", "PostgreSQL pool: queries waiting for a connection", (p: pg.Pool) => p.waitingCount],
  ] as const) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const current = pool();
        if (current) this.set(read(current));
      },
    });
  }
  return {
    registry,
    requestDuration: new Histogram({
      name: "agora_http_request_duration_seconds",
      help: "HTTP requests by route (the app's route pattern), method and status",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    queryDuration: new Histogram({
      name: "agora_db_query_duration_seconds",
      help: "Database statements",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    anonymousCache: new Counter({
      name: "agora_anonymous_cache_total",
      help: "Anonymous cache lookups by result (hit, miss)",
      labelNames: ["result"],
      registers: [registry],
    }),
    commentsPosted: new Counter({ name: "agora_comments_posted_total", help: "Comments posted", registers: [registry] }),
    moderationActions: new Counter({
      name: "agora_moderation_actions_total",
      help: "Moderation actions by kind",
      labelNames: ["action"],
      registers: [registry],
    }),
    errors: new Counter({
      name: "agora_errors_total",
      help: "Errors: pages, actions and routes that threw (kind: the route type)",
      labelNames: ["kind"],
      registers: [registry],
    }),
  };
}

export function metrics(): Metrics {
  const holder = globalThis as Holder;
  return (holder[SHARED] ??= create());
}

/** The PostgreSQL pool whose use the gauges report (lib/postgres-adapter.ts registers it when it connects). */
export function registerPool(pool: pg.Pool | undefined): void {
  if (pool) (globalThis as Holder)[POOL] = pool;
}

// Route patterns, so a label never holds an id (one time series per route, not per thread).
const ROUTES: [RegExp, string][] = [
  [/^\/_next\/static\//, "/_next/static"],
  [/^\/_next\//, "/_next"],
  [/^\/a\/[^/]+(\/(digest|digest\.json|digest\.md|feed\.xml|moderation))?$/, "/a/[slug]$1"],
  [/^\/t\/[^/]+\/c\/[^/]+\/(vote|source-request)$/, "/t/[threadId]/c/[commentId]/$1"],
  [/^\/t\/[^/]+\/c\/[^/]+\/[^/]+$/, "/t/[threadId]/c/[commentId]/[control]"],
  [/^\/t\/[^/]+\/c\/[^/]+$/, "/t/[threadId]/c/[commentId]"],
  [/^\/t\/[^/]+\/feed\.xml$/, "/t/[threadId]/feed.xml"],
  [/^\/t\/[^/]+\/[^/]+$/, "/t/[threadId]/[tool]"],
  [/^\/t\/[^/]+$/, "/t/[threadId]"],
  [/^\/u\/[^/]+$/, "/u/[userId]"],
  [/^\/api\/threads\/[^/]+\/(events|new-comments)$/, "/api/threads/[threadId]/$1"],
  [/^\/api\/comments\/[^/]+\/markdown$/, "/api/comments/[commentId]/markdown"],
  [/^\/api\/auth\//, "/api/auth/[...nextauth]"],
  [/^\/api\/bench\//, "/api/bench"],
  [/^\/(admin|appeals|mod|mod\/appeals|mod\/corrections|mod\/log|notifications|search|signin|signup|api\/health|api\/metrics|favicon\.ico|icon\.svg)?$/, "/$1"],
];

/** The route pattern a path belongs to, or "other" (a 404, a probe). */
export function routeOf(path: string): string {
  const pathname = path.split("?")[0]!.replace(/\/+$/, "") || "/";
  for (const [pattern, route] of ROUTES) {
    const match = pattern.exec(pathname);
    if (match) return route.replace(/\$(\d)/g, (_, group: string) => match[Number(group)] ?? "");
  }
  return "other";
}

const INSTALLED = Symbol.for("agora.requestTimingInstalled");

/** Times every request this process's HTTP servers answer (instrumentation.ts installs it once). */
export function installRequestTiming(): void {
  const holder = globalThis as typeof globalThis & { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  const { requestDuration } = metrics();
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      const started = process.hrtime.bigint();
      response.once("close", () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        requestDuration.observe({ route: routeOf(request.url ?? "/"), method: request.method ?? "GET", status: String(response.statusCode) }, seconds);
      });
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
