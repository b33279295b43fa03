import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { ACTION_BODY_LIMIT_BYTES, API_BODY_LIMIT_BYTES, bodyLimitFor, isBodyTooLarge } from "./request-size";

const request = (method: string, headers: Record<string, string>, body?: ReadableStream<Uint8Array>) => ({
  method,
  headers: new Headers(headers),
  body: body ?? null,
});

/** A chunked body: `chunks` pieces of `size` bytes, with no Content-Length. */
function chunked(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ === chunks) controller.close();
      else controller.enqueue(new Uint8Array(size));
    },
  });
}

describe("request size limits", () => {
  it("server actions get the action limit, routes under /api the smaller one", () => {
    expect(bodyLimitFor("/t/abc")).toBe(ACTION_BODY_LIMIT_BYTES);
    expect(bodyLimitFor("/")).toBe(ACTION_BODY_LIMIT_BYTES);
    expect(bodyLimitFor("/api/auth/callback/credentials")).toBe(API_BODY_LIMIT_BYTES);
    expect(bodyLimitFor("/apiary")).toBe(ACTION_BODY_LIMIT_BYTES);
  });

  it("sits above the largest legitimate form: a 20,000-character comment of 3-byte characters, sent twice", () => {
    expect(ACTION_BODY_LIMIT_BYTES).toBeGreaterThan(2 * 20_000 * 3 + 8 * 1024);
    expect(ACTION_BODY_LIMIT_BYTES).toBeLessThan(1024 * 1024);
  });

  it("next.config.js agrees: Next.js's own action limit, and a proxy buffer that can see past every limit", async () => {
    // A plain JavaScript module (Next.js loads it without compiling): imported by a path TypeScript does not check.
    const configPath: string = "../next.config.js";
    const nextConfig = (await import(configPath)).default as NextConfig;
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(ACTION_BODY_LIMIT_BYTES);
    expect(Number(nextConfig.experimental?.proxyClientMaxBodySize)).toBeGreaterThan(ACTION_BODY_LIMIT_BYTES + 64 * 1024);
  });

  it.each([
    ["a declared length at the limit", "POST", { "content-length": String(API_BODY_LIMIT_BYTES) }, false],
    ["a declared length one byte over", "POST", { "content-length": String(API_BODY_LIMIT_BYTES + 1) }, true],
    ["a declared length that is not a number", "POST", { "content-length": "lots" }, true],
    ["a GET, whatever it declares", "GET", { "content-length": "999999999" }, false],
  ])("%s → too large: %s", async (_name, method, headers, expected) => {
    expect(await isBodyTooLarge(request(method, headers), API_BODY_LIMIT_BYTES)).toBe(expected);
  });

  it("counts a chunked body without a Content-Length, and stops reading at the first byte past the limit", async () => {
    expect(await isBodyTooLarge(request("POST", {}, chunked(4, 4096)), API_BODY_LIMIT_BYTES)).toBe(false);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4096));
      },
    });
    expect(await isBodyTooLarge(request("PUT", {}, endless), API_BODY_LIMIT_BYTES)).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});

describe("proxy.ts enforces the limits", () => {
  const post = (path: string, init: { headers?: Record<string, string>; body?: BodyInit; duplex?: "half" }) => {
    const headers = { host: "localhost:3000", origin: "http://localhost:3000", ...init.headers };
    return new NextRequest(`http://localhost:3000${path}`, { method: "POST", headers, body: init.body, duplex: init.duplex } as ConstructorParameters<
      typeof NextRequest
    >[1]);
  };
  const sized = (bytes: number) => ({ headers: { "content-length": String(bytes) }, body: new Uint8Array(bytes) });

  it.each([
    ["a server action", "/t/abc", ACTION_BODY_LIMIT_BYTES],
    ["an API route", "/api/auth/callback/credentials", API_BODY_LIMIT_BYTES],
  ])("refuses %s one byte over its limit with a 413 in the house shape, and lets one at the limit through", async (_name, path, limit) => {
    const over = await proxy(post(path, sized(limit + 1)));
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ error: { code: "payload_too_large", message: `The request is too large: at most ${limit / 1024} KB.` } });
    const at = await proxy(post(path, sized(limit)));
    expect(at.headers.get("x-middleware-next")).toBe("1");
  });

  it("refuses a chunked body (no Content-Length) once it passes the limit", async () => {
    const response = await proxy(post("/api/health", { body: chunked(64, 1024), duplex: "half" }));
    expect(response.status).toBe(413);
  });
});

describe("proxy.ts refuses a NUL in the URL", () => {
  it.each(["/a/%00/feed.xml", "/t/abc%00", "/search?q=a%00b"])("%s → 400 in the house shape", async (path) => {
    const response = await proxy(new NextRequest(`http://localhost:3000${path}`));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "bad_request", message: "Request refused." } });
  });

  it("lets an encoded percent sign through", async () => {
    const response = await proxy(new NextRequest("http://localhost:3000/search?q=%2500"));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});
