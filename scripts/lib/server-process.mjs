// How every production server of Agora is started: `npm start`, `npm run serve`, the e2e server and the bench.
//
// V8 grows its heap lazily: with no memory pressure on a large machine, a busy server's garbage piles up and
// the process held 583 MB (SQLite) to 1,242 MB (PostgreSQL) at the bench's peak, though what it keeps alive is
// far less. A bounded old space makes V8 collect sooner: the same bench peaks under 300 MB with no measurable
// loss of throughput (bench/results, README's performance section). SERVER_HEAP_MB changes the bound; a
// NODE_OPTIONS that sets --max-old-space-size itself wins over it.
import path from "node:path";

export const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");

export const DEFAULT_SERVER_HEAP_MB = 256;

/** The Node.js flags the server process runs with. */
export function serverNodeFlags(env = process.env) {
  if ((env.NODE_OPTIONS ?? "").includes("--max-old-space-size")) return [];
  const megabytes = Number(env.SERVER_HEAP_MB ?? DEFAULT_SERVER_HEAP_MB);
  if (!Number.isInteger(megabytes) || megabytes < 128) {
    throw new Error(`SERVER_HEAP_MB must be a whole number of megabytes, at least 128 (got "${env.SERVER_HEAP_MB}")`);
  }
  return [`--max-old-space-size=${megabytes}`];
}

/** `node <flags> next start <args>`: the arguments for spawning the production server with process.execPath. */
export function nextStartArgs(args, env = process.env) {
  return [...serverNodeFlags(env), NEXT_BIN, "start", ...args];
}
