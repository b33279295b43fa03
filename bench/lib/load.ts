/** Load runs (autocannon) and sequential probes (SQL queries per request) against the running server. */
import autocannon, { type Request, type Result } from "autocannon";
import { measureCpu, sampleRss, type CpuShare } from "./server";

export type ScenarioResult = {
  name: string;
  path: string;
  connections: number;
  durationS: number;
  /** Answers that were 2xx or 3xx (for posting: acknowledged comments). */
  ok: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** 4xx/5xx answers, socket errors and timeouts (for posting: every answer that was not an acknowledgement). */
  errors: number;
  errorDetail: Record<string, number>;
  /** Mean response size. */
  bytesPerResponse: number;
  peakRssMb: number;
  cpu: CpuShare;
};

type Watch = { peakRssMb: number; cpu: CpuShare };

function watch(pid: number): { stop(): Watch } {
  const rss = sampleRss(pid);
  const cpu = measureCpu(pid);
  return { stop: () => ({ cpu: cpu.stop(), peakRssMb: rss.stop() }) };
}

function summarize(
  name: string,
  path: string,
  connections: number,
  result: Result,
  ok: number,
  errors: number,
  errorDetail: Record<string, number>,
  watched: Watch,
): ScenarioResult {
  const responses = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
  return {
    name,
    path,
    connections,
    durationS: result.duration,
    ok,
    rps: Math.round((ok / result.duration) * 10) / 10,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors,
    errorDetail,
    bytesPerResponse: responses ? Math.round(result.throughput.total / responses) : 0,
    ...watched,
  };
}

function httpErrors(result: Result, connections: number): { count: number; detail: Record<string, number> } {
  const detail: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) if (Number(status) >= 400) detail[`http ${status}`] = count;
  const socketErrors = result.errors - result.timeouts;
  if (socketErrors > 0) detail["socket errors"] = socketErrors;
  if (result.timeouts > 0) detail["timeouts"] = result.timeouts;
  // Sent, never answered nor failed: beyond the (at most one per connection) still in flight when the run stops,
  // the server dropped them (e.g. refused to parse them) without autocannon noticing.
  const answered = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
  const unanswered = result.requests.sent - answered - result.errors - connections;
  if (unanswered > 0) detail["never answered"] = unanswered;
  return { count: Object.values(detail).reduce((a, b) => a + b, 0), detail };
}

export type LoadOptions = { baseUrl: string; connections: number; durationS: number; timeoutS: number; pid: number };

/** GETs `path` from `connections` concurrent clients for `durationS` seconds. */
export async function loadGet(name: string, path: string, options: LoadOptions, headers: Record<string, string> = {}): Promise<ScenarioResult> {
  const watcher = watch(options.pid);
  const result = await autocannon({
    url: `${options.baseUrl}${path}`,
    connections: options.connections,
    duration: options.durationS,
    timeout: options.timeoutS,
    headers: { "accept-encoding": "identity", ...headers },
  });
  const watched = watcher.stop();
  const errors = httpErrors(result, options.connections);
  return summarize(name, path, options.connections, result, result["2xx"] + result["3xx"], errors.count, errors.detail, watched);
}

export type Submission = { body: Buffer; headers: Record<string, string> };

/**
 * POSTs a fresh submission (from `next`, called per request) from `connections` concurrent clients; an
 * answer counts as acknowledged when `acknowledge` finds the new comment's id in it.
 */
export async function loadPost(
  name: string,
  path: string,
  options: LoadOptions,
  next: () => Submission,
  acknowledge: (status: number, headers: Record<string, string | string[]>, body: string) => string | null,
  acknowledged: Set<string>,
): Promise<ScenarioResult> {
  const refused: Record<string, number> = {};
  let ok = 0;
  const request: Request = {
    method: "POST",
    path,
    setupRequest(req) {
      const submission = next();
      // autocannon writes Content-Length itself (a second one makes Node refuse the request).
      return { ...req, method: "POST", path, body: submission.body, headers: submission.headers };
    },
    onResponse(status, body, _context, headers) {
      const id = acknowledge(status, headers, body);
      if (id && !acknowledged.has(id)) {
        acknowledged.add(id);
        ok++;
      } else {
        const key = id ? "duplicate acknowledgement" : `http ${status} without a new comment`;
        refused[key] = (refused[key] ?? 0) + 1;
      }
    },
  };
  const watcher = watch(options.pid);
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationS,
    timeout: options.timeoutS,
    requests: [request],
  });
  const watched = watcher.stop();
  const transport = httpErrors(result, options.connections);
  // HTTP errors are also counted by onResponse ("http 500 without a new comment"); only add what never answered.
  const detail = { ...refused };
  if (transport.detail["socket errors"]) detail["socket errors"] = transport.detail["socket errors"];
  if (transport.detail["timeouts"]) detail["timeouts"] = transport.detail["timeouts"];
  if (transport.detail["never answered"]) detail["never answered"] = transport.detail["never answered"];
  const errors = Object.values(detail).reduce((a, b) => a + b, 0);
  return summarize(name, path, options.connections, result, ok, errors, detail, watched);
}

export type ServerMemory = { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number };

/** The server's memory as it reports it (/api/bench/metrics), in MB. */
export async function serverMemory(baseUrl: string): Promise<ServerMemory> {
  const m = (await (await fetch(`${baseUrl}/api/bench/metrics`)).json()) as { rss: number; heapUsed: number; heapTotal: number; external: number };
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external) };
}

export type Statement = { sql: string; ms: number };

/** The last `count` SQL statements the server sent, with their durations (/api/bench/metrics?log=1). */
export async function lastStatements(baseUrl: string, count: number): Promise<Statement[]> {
  if (count <= 0) return [];
  const { log } = (await (await fetch(`${baseUrl}/api/bench/metrics?log=1`)).json()) as { log: Statement[] };
  return log.slice(-count);
}

/** SQL statements the server has sent since it started (/api/bench/metrics). */
export async function serverQueryCount(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/bench/metrics`);
  return ((await response.json()) as { queries: number }).queries;
}

/**
 * SQL statements the server sends per request of `path`, from `samples` sequential requests (nothing else
 * may be hitting the server meanwhile). Returns each sample's count.
 */
export async function queriesPerRequest(baseUrl: string, path: string, samples: number, init: () => RequestInit = () => ({})): Promise<number[]> {
  const counts: number[] = [];
  for (let i = 0; i < samples; i++) {
    const before = await serverQueryCount(baseUrl);
    const response = await fetch(`${baseUrl}${path}`, { redirect: "manual", signal: AbortSignal.timeout(120_000), ...init() });
    await response.arrayBuffer();
    if (response.status >= 400) throw new Error(`GET ${path} answered ${response.status} while counting queries`);
    counts.push((await serverQueryCount(baseUrl)) - before);
  }
  return counts;
}
