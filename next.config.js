/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  // Lets a second build (e.g. a benchmark or a parallel test run) live beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};

export default nextConfig;
