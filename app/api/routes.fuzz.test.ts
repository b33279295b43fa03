// Property-based fuzzing of every route handler in app/ (found on disk, so a new route is fuzzed without being
// listed here): any method, path parameters, query, headers and body, through proxy.ts as `next start` would run
// them, get an answer below 500, errors in the house shape, and leave the database as it was. Auth.js's routes
// have their own, deeper property in lib/actions/auth.fuzz.test.ts.
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));

import { DatabaseTracker } from "@/lib/testing/action-harness";
import { ACTORS, buildActionWorld, everyId, sessionFor, type ActionWorld } from "@/lib/testing/action-world";
import { hostileText, MEGABYTE_VALUES } from "@/lib/testing/hostile-input";
import { throughProxy } from "@/lib/testing/through-proxy";
import { overrideEnv, resetEnv } from "@/lib/testing/env";

const ORIGIN = "http://localhost:3000";
const APP = path.join(process.cwd(), "app");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
// Generous: a few seconds on an idle machine.
const TIMEOUT_MS = 180_000;

type Segment = { kind: "static"; text: string } | { kind: "param"; name: string } | { kind: "catchAll"; name: string };
type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;
type Route = { file: string; segments: Segment[]; handlers: Partial<Record<(typeof METHODS)[number], Handler>> };

/** Every app/**\/route.ts, with its URL pattern. */
function findRouteFiles(dir = APP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRouteFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

function segmentsOf(file: string): Segment[] {
  return path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((part) => part && !/^\(.*\)$/.test(part))
    .map((part): Segment => {
      const catchAll = /^\[\.\.\.(\w+)\]$/.exec(part);
      if (catchAll) return { kind: "catchAll", name: catchAll[1]! };
      const param = /^\[(\w+)\]$/.exec(part);
      return param ? { kind: "param", name: param[1]! } : { kind: "static", text: part };
    });
}

const ROUTE_FILES = findRouteFiles();
// Auth.js's routes are fuzzed, CSRF token and all, in lib/actions/auth.fuzz.test.ts.
const FUZZED_ELSEWHERE = [path.join("api", "auth", "[...nextauth]", "route.ts")];

let routes: Route[] = [];
let world: ActionWorld;
const database = new DatabaseTracker();

beforeAll(async () => {
  world = await buildActionWorld();
  routes = await Promise.all(
    ROUTE_FILES.filter((file) => !FUZZED_ELSEWHERE.includes(path.relative(APP, file))).map(async (file) => {
      const exports = (await import(file)) as Record<string, unknown>;
      const handlers = Object.fromEntries(METHODS.filter((method) => typeof exports[method] === "function").map((method) => [method, exports[method]]));
      return { file, segments: segmentsOf(file), handlers };
    }),
  );
}, TIMEOUT_MS);

/**
 * A path parameter: a real id or slug of the world, or anything else a URL can carry. Next.js hands routes their
 * parameters percent-decoded, which never yields a lone surrogate (its UTF-8 does not decode).
 */
const paramValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...everyId(world), "tiktok-sparks-good"), weight: 3 },
    { arbitrary: hostileText.map((text) => text.slice(0, 300).replace(/\p{Surrogate}/gu, "\ufffd")), weight: 2 },
    { arbitrary: fc.constantFrom("..", "%2e%2e", "a/b", "", " "), weight: 1 },
  );

const queryValue = fc.oneof(
  fc.constantFrom("2026-11-26T10:00:00Z", "1970-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999+14:00", "0000-01-01T00:00:00Z", "2026-02-30T25:61:00Z"),
  hostileText.map((text) => text.slice(0, 2000)),
);

/** Percent-encodes any text; a lone surrogate (which has no UTF-8) goes as U+FFFD, as a browser would send it. */
const encode = (text: string) => encodeURIComponent(text.replace(/\p{Surrogate}/gu, "\ufffd"));

type Call = {
  method: (typeof METHODS)[number];
  params: Record<string, string | string[]>;
  query: [string, string][];
  body?: string;
  headers: Record<string, string>;
  actor: (typeof ACTORS)[number];
  bench: boolean;
};

function callOf(route: Route): fc.Arbitrary<Call> {
  const params: Record<string, fc.Arbitrary<string | string[]>> = {};
  for (const segment of route.segments) {
    if (segment.kind === "param") params[segment.name] = paramValue();
    if (segment.kind === "catchAll") params[segment.name] = fc.array(paramValue(), { minLength: 1, maxLength: 3 });
  }
  return fc.record({
    method: fc.oneof({ arbitrary: fc.constant("GET" as const), weight: 3 }, { arbitrary: fc.constantFrom(...METHODS), weight: 1 }),
    params: fc.record(params),
    query: fc.array(fc.tuple(fc.constantFrom("since", "callbackUrl", "before", "page", "q", "x"), queryValue), { maxLength: 3 }),
    body: fc.option(fc.oneof(hostileText, fc.constant(MEGABYTE_VALUES[0]!)), { nil: undefined }),
    headers: fc.record(
      {
        origin: fc.constantFrom(ORIGIN, "https://evil.example"),
        "x-forwarded-host": fc.constantFrom("evil.example", "localhost:3000", "a b", "[::1]:99999"),
        "x-forwarded-proto": fc.constantFrom("https", "gopher", ""),
        "content-type": fc.constantFrom("application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"),
        accept: fc.constantFrom("application/json", "text/html", "*/*", ""),
      },
      { requiredKeys: [] },
    ),
    actor: fc.constantFrom(...ACTORS),
    bench: fc.boolean(),
  });
}

async function send(route: Route, call: Call): Promise<Response> {
  const pathname = route.segments
    .map((segment) => {
      if (segment.kind === "static") return segment.text;
      const value = call.params[segment.name]!;
      return Array.isArray(value) ? value.map(encode).join("/") : encode(value);
    })
    .join("/");
  const search = new URLSearchParams(call.query.map(([name, value]) => [name, value.replace(/\p{Surrogate}/gu, "\ufffd")]));
  const url = `${ORIGIN}/${pathname}${search.size ? `?${search}` : ""}`;
  const hasBody = call.body !== undefined && !["GET", "HEAD"].includes(call.method);
  const bytes = hasBody ? new TextEncoder().encode(call.body) : undefined;
  const headers = new Headers(call.headers);
  if (bytes) headers.set("content-length", String(bytes.byteLength));
  const handler = route.handlers[call.method];
  return throughProxy(
    () => new NextRequest(url, { method: call.method, headers, body: bytes }),
    // A method the route does not export: Next.js answers 405 itself.
    handler ? (request) => handler(request, { params: Promise.resolve(call.params) }) : () => new Response(null, { status: 405 }),
  );
}

describe("route handlers under fuzzing", () => {
  it("finds every route handler, Auth.js's included", () => {
    const found = ROUTE_FILES.map((file) => path.relative(APP, file)).sort();
    expect(found).toEqual(expect.arrayContaining([...FUZZED_ELSEWHERE, path.join("api", "health", "route.ts")]));
    expect(routes.length).toBe(found.length - FUZZED_ELSEWHERE.length);
  });

  it(
    "every route answers anything below 500, errors in the house shape, and changes nothing",
    async () => {
      for (const route of routes) {
        await fc.assert(
          fc.asyncProperty(callOf(route), async (call) => {
            session.user = await sessionFor(world, call.actor);
            overrideEnv({ BENCH_METRICS: call.bench ? "1" : undefined });
            await database.before();
            const response = await send(route, call);
            const where = `${call.method} ${path.relative(APP, route.file)}`;
            expect(response.status, where).toBeLessThan(500);
            if (response.status >= 400 && response.headers.get("content-type")?.includes("application/json")) {
              const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
              expect(typeof body.error?.code, where).toBe("string");
              expect(typeof body.error?.message, where).toBe("string");
            }
            await database.expectUnchanged();
          }),
          { numRuns: 30 },
        );
      }
      resetEnv();
    },
    TIMEOUT_MS,
  );
});
