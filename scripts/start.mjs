// `npm start`: `next start` with the server's Node.js flags (scripts/lib/server-process.mjs). Signals are passed
// on, so the server drains its requests before exiting, and its exit code is this one's.
import { spawn } from "node:child_process";
import { nextStartArgs } from "./lib/server-process.mjs";

const server = spawn(process.execPath, nextStartArgs(process.argv.slice(2)), { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 1));
