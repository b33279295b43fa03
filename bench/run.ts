/**
 * Agora's benchmark: `npm run bench` (options after `--`, see bench/README.md).
 *
 * For SQLite, then PostgreSQL: a fresh database with the generated dataset (bench/generate.ts), the production
 * build (`next build` once, into .next-bench) served by `next start`, then autocannon against the home page,
 * the hot thread, an ordinary thread, a user page, comment posting through the thread's form as signed-in
 * members, and a trivial route (the framework's ceiling). Writes bench/results/<date>-<db>.{md,json} and
 * bench/results/latest.md. The databases it creates are dropped at the end.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type { Manifest } from "./generate";
import {
  acknowledgedCommentId,
  formSubmission,
  javascriptSubmission,
  parseCommentForm,
  signIn,
  threadRouterState,
  type CommentForm,
} from "./lib/browser-forms";
import { createBenchDatabase, type BenchDatabase, type DatabaseKind } from "./lib/database";
import {
  lastStatements,
  loadGet,
  loadPost,
  queriesPerRequest,
  serverMemory,
  serverQueryCount,
  type LoadOptions,
  type Statement,
  type Submission,
} from "./lib/load";
import { measurePageWeight } from "./lib/page-weight";
import { printRun, RESULTS_DIR, writeLatest, writeRun, type RunResult, type Scenario, type Target } from "./lib/report";
import { buildApp, hasBuild, procStatusKb, startServer, type RunningServer } from "./lib/server";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite,postgres" },
    duration: { type: "string", default: "15" },
    "post-duration": { type: "string", default: "30" },
    connections: { type: "string", default: "16" },
    timeout: { type: "string", default: "20" },
    port: { type: "string", default: "3250" },
    "dist-dir": { type: "string", default: ".next-bench" },
    "skip-build": { type: "boolean", default: false },
    label: { type: "string" },
    scale: { type: "string", default: "1" },
    "wait-idle": { type: "string", default: "0" },
    only: { type: "string" },
    "server-cpu-prof": { type: "boolean", default: false },
    "server-node-options": { type: "string" },
    "no-write": { type: "boolean", default: false },
  },
});

const log = (line: string) => console.log(`bench: ${line}`);
const DIST_DIR = args["dist-dir"]!;
const POSTERS = Number(args.connections);
const load = { connections: Number(args.connections), durationS: Number(args.duration), timeoutS: Number(args.timeout) };
const postDurationS = Number(args["post-duration"]);
const QUERY_SAMPLES = 5;
/** --only hot,post-form: load only these scenarios (and the trivial route), e.g. to profile one; nothing is written. */
const ONLY = args.only ? new Set(args.only.split(",").map((key) => key.trim())) : null;
const WRITE = !args["no-write"] && !ONLY;

function git(...argv: string[]): string {
  return execFileSync("git", argv, { encoding: "utf8" }).trim();
}

function machine(): RunResult["machine"] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageBefore: os.loadavg(),
  };
}

function generate(database: BenchDatabase): Manifest {
  const manifestFile = `bench/.data/manifest-${database.kind}.json`;
  log(`generating the dataset into ${database.label}`);
  execFileSync(process.execPath, ["--import", "tsx", "bench/generate.ts", database.url, "--manifest", manifestFile, "--scale", args.scale!], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: database.url },
  });
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
  const t = manifest.timings;
  log(
    `dataset: ${manifest.counts.comments} comments in ${(t.totalMs / 1000).toFixed(1)} s (CPU ${(t.cpuMs / 1000).toFixed(1)} s; ` +
      `generate ${(t.generateMs / 1000).toFixed(1)} s, insert ${(t.insertMs / 1000).toFixed(1)} s, ` +
      (manifest.backfilledPaths ? `path backfill ${(t.backfillMs / 1000).toFixed(1)} s)` : "no comment paths to backfill)"),
  );
  return manifest;
}

/** A stream of comment submissions from the signed-in posters, in turn; half are replies into the thread. */
function submissions(mode: "form" | "javascript", server: RunningServer, threadId: string, form: CommentForm, cookies: string[], replyTargets: string[]) {
  let sequence = 0;
  return (): Submission => {
    const n = sequence++;
    const values: [string, string][] = [["body", `Bench post ${mode} ${n}: a comment posted through the ${mode === "form" ? "plain form" : "JavaScript form"} under load.`]];
    if (n % 2 === 1) values.push(["parentId", replyTargets[(n * 7919) % replyTargets.length]!]);
    const encoded = mode === "form" ? formSubmission(form, values) : javascriptSubmission(form, values);
    const headers: Record<string, string> = { "content-type": encoded.contentType, cookie: cookies[n % cookies.length]!, origin: server.baseUrl };
    if (mode === "javascript") {
      headers["next-action"] = form.actionId;
      headers["next-router-state-tree"] = threadRouterState(threadId);
      headers["accept"] = "text/x-component";
    }
    return { body: encoded.body, headers };
  };
}

/** What to undo if the run is interrupted (Ctrl-C): stop the server, drop the database. */
const cleanups = new Set<() => Promise<void>>();
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    interrupted = true;
    log(`${signal}: cleaning up`);
    for (const cleanup of [...cleanups].reverse()) await cleanup().catch((error: unknown) => console.error(error));
    process.exit(130);
  });
}

/** Between steps: an interrupted run goes no further (the signal handler is cleaning up). */
function checkpoint(): void {
  if (interrupted) throw new Error("interrupted");
}

/**
 * On a shared machine other processes skew the figures: with --wait-idle <minutes>, wait (at most that long)
 * for the one-minute load average to fall below half the CPUs before starting.
 */
async function waitForIdle(): Promise<void> {
  const minutes = Number(args["wait-idle"]);
  const threshold = os.cpus().length / 2;
  const deadline = Date.now() + minutes * 60_000;
  while (os.loadavg()[0]! > threshold && Date.now() < deadline) {
    log(`load average ${os.loadavg()[0]!.toFixed(2)} > ${threshold}: waiting for the machine to settle`);
    await sleep(15_000);
  }
  if (os.loadavg()[0]! > threshold) log(`warning: load average ${os.loadavg()[0]!.toFixed(2)}; other processes will skew the figures (see the CPU column)`);
}

async function benchDatabase(kind: DatabaseKind, buildMs: number | null): Promise<RunResult> {
  await waitForIdle();
  const machineInfo = machine();
  const database = await createBenchDatabase(kind, log);
  let server: RunningServer | undefined;
  const cleanup = async () => {
    await server?.stop();
    await database.drop();
    log(`stopped the server, dropped ${database.label}`);
  };
  cleanups.add(cleanup);
  try {
    const manifest = generate(database);
    checkpoint();
    server = await startServer({
      distDir: DIST_DIR,
      port: Number(args.port),
      logFile: `bench/.data/server-${kind}.log`,
      cpuProfileDir: args["server-cpu-prof"] ? `bench/.data/profiles-${kind}` : undefined,
      env: {
        DATABASE_URL: database.url,
        BENCH_METRICS: "1",
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        // The posting run measures the write path, not the rate limiter's refusals.
        RATE_LIMIT_COMMENT_USER: "1000000/60",
        RATE_LIMIT_COMMENT_IP: "1000000/60",
        RATE_LIMIT_SIGNIN_ACCOUNT: "1000/60",
        RATE_LIMIT_SIGNIN_IP: "1000/60",
        PREMODERATION_FIRST_COMMENTS: "0",
        // Thousands of posts in one thread would switch on slow mode, which would then refuse the posters.
        COOLDOWN_COMMENTS_PER_10_MIN: "100000",
        COOLDOWN_REPORTS_PER_10_MIN: "100000",
        // e.g. --server-node-options=--max-old-space-size=192, to see what a smaller V8 heap does to memory and speed.
        ...(args["server-node-options"] ? { NODE_OPTIONS: args["server-node-options"] } : {}),
        ADMIN_EMAILS: "",
      },
    });
    log(`server on ${server.baseUrl} (pid ${server.pid})`);
    const options: LoadOptions = { baseUrl: server.baseUrl, ...load, pid: server.pid };
    const pages = [
      { key: "home", name: "Home page", path: "/" },
      { key: "hot", name: `Hot thread, first page (${manifest.counts.hotThreadComments.toLocaleString("en-US")} comments)`, path: `/t/${manifest.hotThreadId}` },
      { key: "ordinary", name: `Ordinary thread (${manifest.ordinaryThreadComments.toLocaleString("en-US")} comments)`, path: `/t/${manifest.ordinaryThreadId}` },
      { key: "user", name: "User page (busiest member)", path: `/u/${manifest.busiestUserId}` },
    ];

    // Warm every route (first renders compile and fill caches), then count each page's SQL statements.
    const queries = new Map<string, number[]>();
    const statements = new Map<string, Statement[]>();
    for (const page of [{ key: "ceiling", path: "/api/bench/ping" }, ...pages]) {
      log(`warming up and counting queries: ${page.path}`);
      await queriesPerRequest(server.baseUrl, page.path, 2);
      const counts = await queriesPerRequest(server.baseUrl, page.path, QUERY_SAMPLES);
      queries.set(page.key, counts);
      statements.set(page.key, await lastStatements(server.baseUrl, counts.at(-1)!));
    }

    log(`signing in ${POSTERS} members`);
    const cookies: string[] = [];
    for (const email of manifest.posterEmails.slice(0, POSTERS)) cookies.push(await signIn(server.baseUrl, email, manifest.password));
    // The same thread pages as a member sees them: never from the anonymous cache, rendered on every request.
    const memberPages = [
      { key: "hot-member", name: "Hot thread, first page, signed in (rendered every time)", path: `/t/${manifest.hotThreadId}` },
      { key: "ordinary-member", name: "Ordinary thread, signed in (rendered every time)", path: `/t/${manifest.ordinaryThreadId}` },
    ];
    const asMember = () => ({ headers: { cookie: cookies[0]! } });
    for (const page of memberPages) {
      log(`warming up and counting queries, signed in: ${page.path}`);
      await queriesPerRequest(server.baseUrl, page.path, 2, asMember);
      const counts = await queriesPerRequest(server.baseUrl, page.path, QUERY_SAMPLES, asMember);
      queries.set(page.key, counts);
      statements.set(page.key, await lastStatements(server.baseUrl, counts.at(-1)!));
    }
    const threadHtml = await (await fetch(`${server.baseUrl}/t/${manifest.hotThreadId}`, { headers: { cookie: cookies[0]! } })).text();
    const form = parseCommentForm(threadHtml);
    const acknowledged = new Set<string>();
    const postPath = `/t/${manifest.hotThreadId}`;
    const nextForm = submissions("form", server, manifest.hotThreadId, form, cookies, manifest.replyTargetIds);
    const nextJs = submissions("javascript", server, manifest.hotThreadId, form, cookies, manifest.replyTargetIds);
    // A few sequential posts of each kind, for their SQL count; they are acknowledged (and checked) like the rest.
    const probePosts = async (mode: "form" | "javascript", next: () => Submission) => {
      const counts: number[] = [];
      for (let i = 0; i < QUERY_SAMPLES; i++) {
        const before = await serverQueryCount(server!.baseUrl);
        const submission = next();
        const response = await fetch(`${server!.baseUrl}${postPath}`, { method: "POST", body: new Uint8Array(submission.body), headers: submission.headers, redirect: "manual" });
        await response.arrayBuffer();
        const id = acknowledgedCommentId(mode, response.status, Object.fromEntries(response.headers));
        if (!id) throw new Error(`a ${mode} post was refused (HTTP ${response.status}): the posting run would measure refusals`);
        acknowledged.add(id);
        counts.push((await serverQueryCount(server!.baseUrl)) - before);
      }
      return counts;
    };
    for (const [key, mode, next] of [["post-form", "form", nextForm], ["post-js", "javascript", nextJs]] as const) {
      const counts = await probePosts(mode, next);
      queries.set(key, counts);
      statements.set(key, await lastStatements(server.baseUrl, counts.at(-1)!));
    }

    const pageWeight = {
      anonymous: await measurePageWeight(server.baseUrl, `/t/${manifest.hotThreadId}`),
      signedIn: await measurePageWeight(server.baseUrl, `/t/${manifest.hotThreadId}`, cookies[0]),
    };

    const scenarios: Scenario[] = [];
    const selected = (key: string) => !ONLY || key === "ceiling" || ONLY.has(key);
    const record = async (key: string, result: Awaited<ReturnType<typeof loadGet>>) => {
      scenarios.push({
        ...result,
        key,
        queries: queries.get(key) ?? null,
        statements: statements.get(key),
        ratioToCeiling: null,
        memoryAfter: await serverMemory(server!.baseUrl),
      });
      log(`${result.name}: ${result.rps} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.errors} errors, peak RSS ${result.peakRssMb} MB`);
    };
    log(`load: trivial route, ${load.durationS} s`);
    await record("ceiling", await loadGet("Trivial dynamic route (ceiling)", "/api/bench/ping", options));
    for (const page of pages.filter((p) => selected(p.key))) {
      log(`load: ${page.name}, ${load.durationS} s`);
      await record(page.key, await loadGet(page.name, page.path, options));
    }
    for (const page of memberPages.filter((p) => selected(p.key))) {
      log(`load: ${page.name}, ${load.durationS} s`);
      await record(page.key, await loadGet(page.name, page.path, options, { cookie: cookies[0]! }));
    }
    const postOptions = { ...options, durationS: postDurationS };
    if (selected("post-form")) {
      log(`load: posting through the form (no JavaScript), ${postDurationS} s`);
      await record("post-form", await loadPost("Post a comment (form, no JS)", postPath, postOptions, nextForm, (status, headers) => acknowledgedCommentId("form", status, headers), acknowledged));
    }
    if (selected("post-js")) {
      log(`load: posting through the JavaScript form, ${postDurationS} s`);
      await record("post-js", await loadPost("Post a comment (JS form, renders the thread)", postPath, postOptions, nextJs, (status, headers) => acknowledgedCommentId("javascript", status, headers), acknowledged));
    }
    const peakRssMb = Math.round((procStatusKb(server.pid, "VmHWM") ?? 0) / 1024);

    const ceiling = scenarios.find((s) => s.key === "ceiling")!.rps;
    for (const scenario of scenarios) if (scenario.key !== "ceiling" && ceiling > 0) scenario.ratioToCeiling = scenario.rps / ceiling;

    const counts = await database.counts(manifest.hotThreadId);
    const found = await database.countExisting([...acknowledged]);
    const posting = {
      acknowledged: acknowledged.size,
      stored: counts.benchPosts,
      lost: acknowledged.size - found,
      threadCountMatches: counts.hotThreadCounted === counts.hotThreadCommentCount,
    };
    log(
      `posting: ${posting.acknowledged} acknowledged, ${found} of them found, ${posting.stored} benchmark posts stored ` +
        `(${counts.total} comments in all; hot thread count ${counts.hotThreadCommentCount}, rows ${counts.hotThreadCounted})`,
    );

    const run: RunResult = {
      database: kind,
      date: new Date().toISOString(),
      label: args.label ?? null,
      commit: git("rev-parse", "HEAD"),
      dirty: git("status", "--porcelain", "--untracked-files=no").length > 0,
      machine: machineInfo,
      config: { ...load, postDurationS, serverNodeOptions: args["server-node-options"] ?? null },
      dataset: {
        ...manifest.counts,
        ordinaryThreadComments: manifest.ordinaryThreadComments,
        maxDepth: manifest.stats.maxDepth,
        backfilledPaths: manifest.backfilledPaths,
        generateMs: manifest.timings.generateMs,
        insertMs: manifest.timings.insertMs,
        backfillMs: manifest.timings.backfillMs,
        cpuMs: manifest.timings.cpuMs,
      },
      buildMs,
      scenarios,
      posting,
      peakRssMb,
      pageWeight,
      targets: [],
    };
    run.targets = targets(run);
    return run;
  } finally {
    cleanups.delete(cleanup);
    await cleanup();
  }
}

function targets(run: RunResult): Target[] {
  const by = (key: string) => run.scenarios.find((s) => s.key === key);
  const list: Target[] = [];
  const hot = by("hot");
  if (hot) {
    // No answer at all within the run is no latency to pass on.
    list.push({ name: "Hot thread p99", goal: "≤ 250 ms", measured: hot.ok > 0 ? `${Math.round(hot.p99Ms)} ms` : "no answer", pass: hot.ok > 0 && hot.p99Ms <= 250 });
    list.push({ name: "Hot thread throughput vs trivial route", goal: "≥ 40%", measured: `${Math.round((hot.ratioToCeiling ?? 0) * 100)}%`, pass: (hot.ratioToCeiling ?? 0) >= 0.4 });
    // The same ratio from server CPU time per request, which other processes on the machine hardly move.
    const ceiling = by("ceiling");
    if (ceiling && ceiling.rps > 0 && hot.rps > 0) {
      const ratio = ceiling.cpu.serverCores / ceiling.rps / (hot.cpu.serverCores / hot.rps);
      list.push({
        name: "Same, from server CPU per request",
        goal: "≥ 40%",
        measured: `${Math.round(ratio * 100)}% (${((ceiling.cpu.serverCores / ceiling.rps) * 1000).toFixed(1)} vs ${((hot.cpu.serverCores / hot.rps) * 1000).toFixed(1)} ms)`,
        pass: null,
      });
    }
  }
  const hotMember = by("hot-member");
  if (hotMember) {
    list.push({
      name: "Hot thread p99, signed in (not cached)",
      goal: "≤ 250 ms (for comparison)",
      measured: hotMember.ok > 0 ? `${Math.round(hotMember.p99Ms)} ms, ${Math.round((hotMember.ratioToCeiling ?? 0) * 100)}% of trivial` : "no answer",
      pass: null,
    });
  }
  // Counted on the pages members get: a signed-out reader's page may come from the cache, with no SQL at all.
  const hotQueries = hotMember?.queries ?? hot?.queries ?? [];
  const ordinaryQueries = (by("ordinary-member") ?? by("ordinary"))?.queries ?? [];
  if (hotQueries.length && ordinaryQueries.length) {
    list.push({
      name: "SQL per thread page, constant in comments",
      goal: "hot = ordinary",
      measured: `hot ${Math.max(...hotQueries)}, ordinary ${Math.max(...ordinaryQueries)}`,
      pass: Math.max(...hotQueries) === Math.max(...ordinaryQueries) && Math.min(...hotQueries) === Math.max(...hotQueries),
    });
  }
  const sqlite = run.database === "sqlite";
  const post = by("post-form");
  if (post) {
    list.push({
      name: `Posting, form, ${run.config.connections} posters, ${run.config.postDurationS} s`,
      goal: "≥ 150/s, 0 errors, 0 lost" + (sqlite ? "" : " (target set for SQLite)"),
      measured: `${post.rps}/s, ${post.errors} errors, ${run.posting.lost} lost`,
      pass: sqlite ? post.rps >= 150 && post.errors === 0 && run.posting.lost === 0 : null,
    });
  }
  const postJs = by("post-js");
  if (postJs) {
    list.push({ name: "Posting, JavaScript form (answer renders the thread)", goal: "≥ 150/s, 0 errors (for comparison)", measured: `${postJs.rps}/s, ${postJs.errors} errors`, pass: null });
  }
  const js = run.pageWeight.signedIn.scriptGzipBytes;
  list.push(
    { name: "Acknowledged = stored", goal: "0 lost", measured: `${run.posting.acknowledged} acknowledged, ${run.posting.stored} stored`, pass: run.posting.lost === 0 },
    { name: "Server peak RSS", goal: "≤ 350 MB", measured: `${run.peakRssMb} MB`, pass: run.peakRssMb <= 350 },
    { name: "Thread page JavaScript (gzip)", goal: "≤ 150 kB", measured: `${(js / 1024).toFixed(1)} kB`, pass: js <= 150 * 1024 },
  );
  return list;
}

async function main() {
  const kinds = args.db!.split(",").map((db) => db.trim()) as DatabaseKind[];
  for (const kind of kinds) if (kind !== "sqlite" && kind !== "postgres") throw new Error(`--db takes sqlite and/or postgres, not ${kind}`);
  mkdirSync("bench/.data", { recursive: true });
  mkdirSync(RESULTS_DIR, { recursive: true });

  let buildMs: number | null = null;
  if (args["skip-build"] && hasBuild(DIST_DIR)) log(`reusing the build in ${DIST_DIR} (--skip-build)`);
  else buildMs = buildApp(DIST_DIR, log);

  for (const kind of kinds) {
    const run = await benchDatabase(kind, buildMs);
    printRun(run);
    writeFileSync(`bench/.data/last-run-${kind}.json`, JSON.stringify(run, null, 2));
    if (WRITE) log(`wrote ${RESULTS_DIR}/${writeRun(run)}.{md,json}`);
  }
  if (WRITE) {
    writeLatest();
    log(`wrote ${RESULTS_DIR}/latest.md`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
