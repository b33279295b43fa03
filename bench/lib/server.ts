/** Building and serving the production app for the benchmark, and watching its memory. */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { NEXT_BIN, nextStartArgs } from "../../scripts/lib/server-process.mjs";

/**
 * `next build` into `distDir`. Next adds the dist dir's types to tsconfig.json when it is not `.next`; the
 * file is put back as it was, so a benchmark run leaves the checkout unchanged.
 */
export function buildApp(distDir: string, log: (line: string) => void): number {
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  const started = performance.now();
  try {
    log(`next build → ${distDir} (a few minutes)`);
    execFileSync(process.execPath, [NEXT_BIN, "build"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    });
  } finally {
    if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  }
  return Math.round(performance.now() - started);
}

export function hasBuild(distDir: string): boolean {
  return existsSync(path.join(distDir, "BUILD_ID"));
}

export type RunningServer = {
  baseUrl: string;
  /** The process serving requests (reported by /api/bench/metrics), whose memory is sampled. */
  pid: number;
  stop(): Promise<void>;
};

export async function startServer(options: {
  distDir: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
  /** Write a V8 CPU profile of the server into this directory when it stops. */
  cpuProfileDir?: string;
}): Promise<RunningServer> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  if (await answers(baseUrl)) throw new Error(`something already listens on port ${options.port}: stop it or pass --port`);
  const out = createWriteStream(options.logFile);
  // `next` itself, not npx: the signal reaches the server directly.
  const profile = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  // Started as `npm start` starts it (scripts/lib/server-process.mjs: the bounded heap included).
  const env = { ...process.env, ...options.env, NEXT_DIST_DIR: options.distDir, NEXT_TELEMETRY_DISABLED: "1" };
  const child: ChildProcess = spawn(process.execPath, [...profile, ...nextStartArgs(["-p", String(options.port), "-H", "127.0.0.1"], env)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Whatever way this process ends, the server does not outlive it.
  const killOnExit = () => child.exitCode === null && child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const deadline = Date.now() + 60_000;
  let pid: number | undefined;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`${baseUrl}/api/bench/metrics`);
      if (response.ok) {
        pid = ((await response.json()) as { pid: number }).pid;
        // `next start` serves from its own process; any other pid is not the server started here.
        if (pid !== child.pid) throw new Error(`port ${options.port} is answered by process ${pid}, not by the server started here (${child.pid})`);
        break;
      }
      if (response.status === 404) throw new Error("the server answers 404 on /api/bench/metrics: was it started with BENCH_METRICS=1?");
    } catch (error) {
      if (error instanceof Error && (error.message.includes("BENCH_METRICS") || error.message.includes("not by the server"))) {
        child.kill("SIGTERM");
        throw error;
      }
    }
    await sleep(250);
  }
  if (pid === undefined) {
    child.kill("SIGTERM");
    throw new Error(`the server on port ${options.port} did not come up; see ${options.logFile}`);
  }
  return {
    baseUrl,
    pid,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timeout = sleep(15_000).then(() => {
        if (child.exitCode === null) child.kill("SIGKILL");
      });
      await Promise.race([exited, timeout]);
      await exited;
      process.off("exit", killOnExit);
      out.end();
    },
  };
}

async function answers(baseUrl: string): Promise<boolean> {
  try {
    await fetch(baseUrl, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/** A field of /proc/<pid>/status in kB (VmRSS: now, VmHWM: the peak so far), or null once the process is gone. */
export function procStatusKb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Samples the resident set every `intervalMs` until stopped; returns the highest value seen, in MB. */
export function sampleRss(pid: number, intervalMs = 200): { stop(): number } {
  let peakKb = procStatusKb(pid, "VmRSS") ?? 0;
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, procStatusKb(pid, "VmRSS") ?? 0);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peakKb = Math.max(peakKb, procStatusKb(pid, "VmRSS") ?? 0);
      return Math.round(peakKb / 1024);
    },
  };
}

type CpuSnapshot = { at: number; machineBusyTicks: number; serverTicks: number; selfMicros: number };

const CLOCK_TICKS_PER_SECOND = 100;

function cpuSnapshot(pid: number): CpuSnapshot {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  let serverTicks = 0;
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    serverTicks = Number(rest[11]) + Number(rest[12]);
  } catch {
    // The server is gone; its share reads as zero.
  }
  const self = process.cpuUsage();
  void idle;
  void iowait;
  return { at: performance.now(), machineBusyTicks: user + nice + system + irq + softirq + steal, serverTicks, selfMicros: self.user + self.system };
}

export type CpuShare = { serverCores: number; loadGeneratorCores: number; otherCores: number };

/**
 * Where the machine's CPU went while a scenario ran, in cores: the server, this process (autocannon), and
 * everything else (other processes on a shared machine, which make the figures noisier).
 */
export function measureCpu(pid: number): { stop(): CpuShare } {
  const start = cpuSnapshot(pid);
  return {
    stop() {
      const end = cpuSnapshot(pid);
      const seconds = (end.at - start.at) / 1000;
      const cores = (ticks: number) => Math.round((ticks / CLOCK_TICKS_PER_SECOND / seconds) * 100) / 100;
      const server = cores(end.serverTicks - start.serverTicks);
      const generator = Math.round(((end.selfMicros - start.selfMicros) / 1e6 / seconds) * 100) / 100;
      const machine = cores(end.machineBusyTicks - start.machineBusyTicks);
      return { serverCores: server, loadGeneratorCores: generator, otherCores: Math.max(0, Math.round((machine - server - generator) * 100) / 100) };
    },
  };
}
