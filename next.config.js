import { SECURITY_HEADERS } from "./lib/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  // The build checks the app's own code; `npm run typecheck` checks everything, tests included.
  typescript: { tsconfigPath: "tsconfig.app.json" },
  // Lets a second build (e.g. a benchmark or a parallel test run) live beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  experimental: {
    // The same numbers as lib/request-size.ts (proxy.ts refuses past them with a clear 413; these are the backstop):
    // a server action's body at most 160 KB, and the copy Next.js buffers for the proxy large enough to see past
    // every limit (a body beyond it would be cut short silently).
    serverActions: { bodySizeLimit: 160 * 1024 },
    proxyClientMaxBodySize: 2 * 160 * 1024,
  },
  // Headers for every response, static files included; the nonce-based CSP is set per request in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: SECURITY_HEADERS,
      },
    ];
  },
};

export default nextConfig;
