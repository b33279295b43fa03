/** The benchmark's results: the console table, bench/results/<date>-<db>.{md,json} and bench/results/latest.md. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ScenarioResult, ServerMemory, Statement } from "./load";
import type { PageWeight } from "./page-weight";

export const RESULTS_DIR = "bench/results";

export type Scenario = ScenarioResult & {
  /** The statements one sequential request ran (the last sample), with their durations. */
  statements?: Statement[];
  /** The server's memory right after the scenario (V8 heap in use and reserved, RSS). */
  memoryAfter?: ServerMemory;
  key: string;
  /** SQL statements per request, one entry per sequential sample; null where not sampled. */
  queries: number[] | null;
  /** This scenario's requests/s over the trivial route's. */
  ratioToCeiling: number | null;
};

export type Target = { name: string; measured: string; goal: string; pass: boolean | null };

export type RunResult = {
  database: "sqlite" | "postgres";
  date: string;
  label: string | null;
  /** null where the bench ran from a copy of the tree without git. */
  commit: string | null;
  dirty: boolean | null;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; os: string; loadAverageBefore: number[] };
  config: { connections: number; memberConnections?: number; durationS: number; postDurationS: number; timeoutS: number; serverNodeOptions?: string | null };
  dataset: {
    users: number;
    threads: number;
    comments: number;
    hotThreadComments: number;
    ordinaryThreadComments: number;
    maxDepth: number;
    backfilledPaths: boolean;
    generateMs: number;
    insertMs: number;
    backfillMs: number;
    cpuMs: number;
  };
  buildMs: number | null;
  scenarios: Scenario[];
  posting: { acknowledged: number; stored: number; lost: number; threadCountMatches: boolean };
  peakRssMb: number;
  /** The server's resident memory: idle after `next start`, after the trivial route's run, and its peak (VmHWM). */
  memory?: { idleRssMb: number; afterTrivialRssMb: number; peakRssMb: number };
  /** The hot thread's first page; `comments`: how many it shows. */
  pageWeight: { anonymous: PageWeight; signedIn: PageWeight & { comments?: number }; moderator?: PageWeight & { comments?: number } };
  targets: Target[];
};

const DB_NAMES = { sqlite: "SQLite", postgres: "PostgreSQL" } as const;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const mark = (pass: boolean | null) => (pass === null ? "info" : pass ? "PASS" : "FAIL");

function queriesCell(queries: number[] | null): string {
  if (!queries || queries.length === 0) return "–";
  const min = Math.min(...queries);
  const max = Math.max(...queries);
  return min === max ? String(min) : `${min}–${max}`;
}

/**
 * The server's CPU time per answered request: unlike req/s it hardly depends on what else the machine runs,
 * so it is the figure to compare across runs on a shared machine.
 */
export function cpuPerRequest(s: Scenario): string {
  return s.rps > 0 ? ((s.cpu.serverCores / s.rps) * 1000).toFixed(1) : "–";
}

export function scenarioTable(run: RunResult): string {
  const rows = run.scenarios.map((s) =>
    [
      s.name,
      s.rps.toFixed(1),
      String(Math.round(s.p50Ms)),
      String(Math.round(s.p99Ms)),
      String(s.errors),
      queriesCell(s.queries),
      String(s.peakRssMb),
      s.ratioToCeiling === null ? "–" : `${Math.round(s.ratioToCeiling * 100)}%`,
      kb(s.bytesPerResponse),
      cpuPerRequest(s),
      `${s.cpu.serverCores.toFixed(2)} / ${s.cpu.loadGeneratorCores.toFixed(2)} / ${s.cpu.otherCores.toFixed(2)}`,
    ].join(" | "),
  );
  return [
    "| Scenario | req/s | p50 ms | p99 ms | errors | SQL/request | peak RSS MB | vs trivial route | response size | server CPU ms/request | CPU cores: server / autocannon / other |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

export function targetTable(targets: Target[]): string {
  return [
    "| Target | Goal | Measured | Result |",
    "| --- | --- | --- | --- |",
    ...targets.map((t) => `| ${t.name} | ${t.goal} | ${t.measured} | ${mark(t.pass)} |`),
  ].join("\n");
}

function header(run: RunResult): string {
  const m = run.machine;
  return [
    `Commit ${run.commit ? `\`${run.commit.slice(0, 10)}\`` : "unknown (no git)"}${run.dirty ? " (with uncommitted changes)" : ""}, ${run.date}.`,
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB RAM, Node ${m.node}, ${m.os}; load average before the run ${m.loadAverageBefore.map((n) => n.toFixed(2)).join(" ")}.`,
    `Load: autocannon, ${run.config.connections} connections${run.config.memberConnections ? ` (${run.config.memberConnections} for the signed-in thread pages)` : ""}, ${run.config.durationS} s per page, ${run.config.postDurationS} s per posting run, on the same machine as the server` +
      (run.config.serverNodeOptions ? `; server run with NODE_OPTIONS=${run.config.serverNodeOptions}.` : "."),
    `Dataset: ${run.dataset.users.toLocaleString("en-US")} users, ${run.dataset.threads} threads, ${run.dataset.comments.toLocaleString("en-US")} comments; hot thread ${run.dataset.hotThreadComments.toLocaleString("en-US")} comments, ordinary thread ${run.dataset.ordinaryThreadComments.toLocaleString("en-US")}, deepest chain ${run.dataset.maxDepth} (generated in ${((run.dataset.generateMs + run.dataset.insertMs + run.dataset.backfillMs) / 1000).toFixed(1)} s, ${(run.dataset.cpuMs / 1000).toFixed(1)} s of CPU${run.dataset.backfilledPaths ? ", comment paths backfilled" : ""}).`,
  ].join("\n");
}

/** Idle, after the trivial route, and peak: what `next start` holds before Agora's pages add to it. */
export function memoryLine(run: RunResult): string {
  const m = run.memory;
  return m
    ? `Server RSS: idle \`next start\` ${m.idleRssMb} MB (before any load), ${m.afterTrivialRssMb} MB after the trivial route's run, peak ${m.peakRssMb} MB over the whole bench.`
    : `Peak server RSS: ${run.peakRssMb} MB.`;
}

export function runMarkdown(run: RunResult): string {
  const w = run.pageWeight;
  const scripts = w.signedIn.scripts.map((s) => `\`${s.src}\` ${kb(s.gzipBytes)}`).join(", ");
  return [
    `# Agora benchmark: ${DB_NAMES[run.database]}${run.label ? ` (${run.label})` : ""}`,
    "",
    header(run),
    "",
    scenarioTable(run),
    "",
    `${memoryLine(run)} Peak: VmHWM. SQL/request: sequential requests counted by the server (lib/db.ts).`,
    `Server memory after each scenario (RSS / V8 heap used / heap reserved, MB): ${run.scenarios
      .filter((s) => s.memoryAfter)
      .map((s) => `${s.key} ${s.memoryAfter!.rssMb} / ${s.memoryAfter!.heapUsedMb} / ${s.memoryAfter!.heapTotalMb}`)
      .join("; ")}.`,
    `Stored includes the posts still in flight when a posting run stopped (at most one per connection): stored, never acknowledged.`,
    `Posting: ${run.posting.acknowledged} comments acknowledged, ${run.posting.stored} stored, ${run.posting.lost} lost; the hot thread's comment count ${run.posting.threadCountMatches ? "matches" : "does NOT match"} its rows.`,
    "",
    "## Targets",
    "",
    targetTable(run.targets),
    "",
    "## Thread page weight",
    "",
    `Signed-in hot thread page: JavaScript files ${kb(w.signedIn.scriptGzipBytes)} gzip (${w.signedIn.scripts.length} files: ${scripts}; ` +
      `not counted: ${kb(w.signedIn.noModuleGzipBytes)} of polyfills only browsers without ES modules load); ` +
      `inline scripts (RSC payload) ${kb(w.signedIn.inlineScriptGzipBytes)} gzip; HTML ${kb(w.signedIn.htmlBytes)} (${kb(w.signedIn.htmlGzipBytes)} gzip).`,
    ...(w.moderator
      ? [
          `Moderator: HTML ${kb(w.moderator.htmlBytes)} (${kb(w.moderator.htmlGzipBytes)} gzip) for ${w.moderator.comments ?? "?"} comments; inline scripts ${kb(w.moderator.inlineScriptGzipBytes)} gzip.`,
        ]
      : []),
    `Anonymous: JavaScript files ${kb(w.anonymous.scriptGzipBytes)} gzip; inline ${kb(w.anonymous.inlineScriptGzipBytes)} gzip; HTML ${kb(w.anonymous.htmlBytes)} (${kb(w.anonymous.htmlGzipBytes)} gzip).`,
    "",
    "## SQL statements of one request",
    "",
    "Sequential, unloaded; durations as Prisma reports them.",
    "",
    ...run.scenarios
      .filter((s) => s.statements?.length)
      .flatMap((s) => [
        `<details><summary>${s.name}: ${s.statements!.length} statements, ${s.statements!.reduce((sum, q) => sum + q.ms, 0).toFixed(1)} ms</summary>`,
        "",
        ...s.statements!.map((q) => `- ${q.ms.toFixed(2)} ms \`${q.sql.replace(/`/g, "'")}\``),
        "",
        "</details>",
        "",
      ]),
  ].join("\n");
}

export function printRun(run: RunResult): void {
  console.log(`\n${DB_NAMES[run.database]}\n${scenarioTable(run)}\n\n${memoryLine(run)}\n\n${targetTable(run.targets)}\n`);
}

export function writeRun(run: RunResult): string {
  const base = `${run.date.slice(0, 10)}${run.label ? `-${run.label.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}` : ""}-${run.database}`;
  writeFileSync(path.join(RESULTS_DIR, `${base}.json`), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(path.join(RESULTS_DIR, `${base}.md`), runMarkdown(run));
  return base;
}

/** The newest result of each database in bench/results. */
export function latestRuns(): RunResult[] {
  const runs = readdirSync(RESULTS_DIR)
    .filter((file) => file.endsWith(".json"))
    .map((file) => JSON.parse(readFileSync(path.join(RESULTS_DIR, file), "utf8")) as RunResult);
  const newest = new Map<string, RunResult>();
  for (const run of runs) {
    const current = newest.get(run.database);
    if (!current || run.date > current.date) newest.set(run.database, run);
  }
  return (["sqlite", "postgres"] as const).flatMap((db) => newest.get(db) ?? []);
}

/** bench/results/latest.md: the newest run of each database, one table each, and the targets side by side. */
export function writeLatest(): void {
  const runs = latestRuns();
  const parts = ["# Agora benchmark: latest results", "", "Run with `npm run bench` (see bench/README.md).", ""];
  for (const run of runs) parts.push(`## ${DB_NAMES[run.database]}`, "", header(run), "", scenarioTable(run), "", memoryLine(run), "");
  parts.push(
    "## Targets",
    "",
    "| Target | Goal | " + runs.map((r) => DB_NAMES[r.database]).join(" | ") + " |",
    "| --- | --- |" + runs.map(() => " --- |").join(""),
  );
  const names = [...new Set(runs.flatMap((run) => run.targets.map((t) => t.name)))];
  for (const name of names) {
    const goal = runs.flatMap((run) => run.targets.filter((t) => t.name === name))[0]!.goal;
    const cells = runs.map((run) => {
      const target = run.targets.find((t) => t.name === name);
      return target ? `${target.measured} ${mark(target.pass)}` : "–";
    });
    parts.push(`| ${name} | ${goal} | ${cells.join(" | ")} |`);
  }
  parts.push("");
  writeFileSync(path.join(RESULTS_DIR, "latest.md"), parts.join("\n"));
}
