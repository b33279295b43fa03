import { db, type Tx } from "@/lib/db";
import { isSlowModeActive, isStaffRole } from "@/lib/permissions";
import { env, slowModeConfig, type SlowModeConfig } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { afterResponse } from "@/lib/after-response";
import { log, serializeError } from "@/lib/logger";
import { trailingThrottle } from "@/lib/trailing-throttle";
import { REPORT_ACTED_RESOLUTIONS } from "@/lib/moderation-actions";
import { appendLog } from "./moderation-log";
import { forgetThreadContexts } from "./thread-context";

/** The window the automatic cool-down counts comments and reports in. */
export const COOLDOWN_WINDOW_MS = 10 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export type SlowModeState = { slowModeManual: boolean; slowModeUntil: Date | null; slowModeSince: Date | null };

export class SlowModeError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "conflict",
  ) {
    super(message);
  }
}

const minutes = (n: number) => `${n} ${n === 1 ? "minute" : "minutes"}`;

/** "Slow mode is on in this thread: you can comment again in 1 minute." */
export function slowModeRefusal(msLeft: number): string {
  return `Slow mode is on in this thread: you can comment again in ${minutes(Math.max(1, Math.ceil(msLeft / MINUTE_MS)))}.`;
}

/**
 * Inside the transaction that creates a comment (after the thread row is taken, so two quick posts by one member
 * see each other): how long this member must still wait in this thread, or 0. Deleted comments count too.
 */
export async function slowModeWait(
  tx: Tx,
  input: { threadId: string; author: { id: string; role: Role }; thread: Pick<SlowModeState, "slowModeManual" | "slowModeUntil"> },
  config: Pick<SlowModeConfig, "slowModeMinutes"> = slowModeConfig(),
  now = new Date(),
): Promise<number> {
  if (isStaffRole(input.author.role) || !isSlowModeActive(input.thread, now)) return 0;
  const last = await tx.comment.findFirst({
    where: { authorId: input.author.id, threadId: input.threadId },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  if (!last) return 0;
  return Math.max(0, last.createdAt.getTime() + config.slowModeMinutes * MINUTE_MS - now.getTime());
}

/** How far back a thread's usual rate is measured (before the current window). */
const USUAL_RATE_SPAN_MS = 24 * 60 * 60 * 1000;
const WINDOWS_IN_SPAN = USUAL_RATE_SPAN_MS / COOLDOWN_WINDOW_MS;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Weights a report carries toward the cool-down: a new member's, and a member's whose reports were mostly dismissed, weigh less. */
export const REPORT_WEIGHT = { full: 1, newMember: 0.5, mostlyDismissed: 0.25 } as const;
/** A member's report history counts once this many of their reports were decided. */
const HISTORY_MIN_DECIDED = 3;

export type Reporter = { createdAt: Date; publishedComments: number; decided: number; dismissed: number };

/** What one reporter's reports weigh (see REPORT_WEIGHT); pure, table-tested. */
export function reporterWeight(reporter: Reporter, config: Pick<SlowModeConfig, "newMemberDays" | "newMemberComments">, now: Date): number {
  let weight: number = REPORT_WEIGHT.full;
  const isNew = now.getTime() - reporter.createdAt.getTime() < config.newMemberDays * DAY_MS || reporter.publishedComments < config.newMemberComments;
  if (isNew) weight = Math.min(weight, REPORT_WEIGHT.newMember);
  if (reporter.decided >= HISTORY_MIN_DECIDED && reporter.dismissed * 2 > reporter.decided) weight = Math.min(weight, REPORT_WEIGHT.mostlyDismissed);
  return weight;
}

/** The comments threshold for this thread now: the configured floor, or a multiple of its own usual rate if higher. */
export function commentThreshold(usualPerWindow: number, config: Pick<SlowModeConfig, "commentsPer10Min" | "rateMultiple">): number {
  return Math.max(config.commentsPer10Min, Math.ceil(usualPerWindow * config.rateMultiple));
}

const rounded = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Weighs the people reporting in this thread over the window: one sum, each reporter counted once. */
async function weighReporters(threadId: string, since: Date, config: SlowModeConfig, now: Date) {
  const recent = await db.report.groupBy({ by: ["reporterId"], where: { threadId, createdAt: { gte: since } } });
  const ids = recent.map((row) => row.reporterId);
  if (ids.length === 0) return { people: 0, weight: 0 };
  const [users, published, history] = await Promise.all([
    db.user.findMany({ where: { id: { in: ids } }, select: { id: true, createdAt: true } }),
    db.comment.groupBy({ by: ["authorId"], where: { authorId: { in: ids }, status: "visible", deletedAt: null }, _count: { _all: true } }),
    db.report.groupBy({ by: ["reporterId", "resolution"], where: { reporterId: { in: ids }, status: "resolved" }, _count: { _all: true } }),
  ]);
  let weight = 0;
  for (const user of users) {
    const decided = history.filter((row) => row.reporterId === user.id);
    const reporter: Reporter = {
      createdAt: user.createdAt,
      publishedComments: published.find((row) => row.authorId === user.id)?._count._all ?? 0,
      decided: decided.reduce((sum, row) => sum + row._count._all, 0),
      dismissed: decided.filter((row) => !REPORT_ACTED_RESOLUTIONS.has(row.resolution ?? "")).reduce((sum, row) => sum + row._count._all, 0),
    };
    weight += reporterWeight(reporter, config, now);
  }
  return { people: users.length, weight };
}

/**
 * The automatic cool-down, run after each comment and each report in a thread. No member can start it alone: it
 * counts people, not posts. Busy means either
 *  - comments from at least `minPeople` members, more than the configured floor and more than `rateMultiple`
 *    times the thread's own usual rate (its comments per 10 minutes over the day before), or
 *  - reports from at least `minPeople` members whose weights (reporterWeight: new members and members whose
 *    reports were mostly dismissed weigh less) add up to more than the reports threshold.
 * Then slow mode runs until `quietMinutes` from now, extended while the thread stays busy; switching on is logged
 * once, by Agora, with what tipped it.
 */
export async function evaluateCooldown(threadId: string, config: SlowModeConfig = slowModeConfig(), now = new Date()) {
  const since = new Date(now.getTime() - COOLDOWN_WINDOW_MS);
  const [commenters, usual, reporters] = await Promise.all([
    db.comment.groupBy({ by: ["authorId"], where: { threadId, createdAt: { gte: since } }, _count: { _all: true } }),
    db.comment.count({ where: { threadId, createdAt: { gte: new Date(since.getTime() - USUAL_RATE_SPAN_MS), lt: since } } }),
    weighReporters(threadId, since, config, now),
  ]);
  const comments = commenters.reduce((sum, row) => sum + row._count._all, 0);
  const threshold = commentThreshold(usual / WINDOWS_IN_SPAN, config);
  const trigger =
    comments > threshold && commenters.length >= config.minPeople
      ? `${comments} comments from ${commenters.length} members in 10 minutes (threshold ${threshold})`
      : reporters.weight > config.reportsPer10Min && reporters.people >= config.minPeople
        ? `reports from ${reporters.people} members in 10 minutes, weighing ${rounded(reporters.weight)} (threshold ${config.reportsPer10Min})`
        : null;
  if (!trigger) return { busy: false, switchedOn: false };
  const until = new Date(now.getTime() + config.quietMinutes * MINUTE_MS);
  return db.$transaction(async (tx) => {
    // Compare-and-set on "off": of two evaluations at once, one switches it on (and logs), the other extends.
    const off = { id: threadId, slowModeManual: false, OR: [{ slowModeUntil: null }, { slowModeUntil: { lte: now } }] };
    const { count } = await tx.thread.updateMany({ where: off, data: { slowModeSince: now, slowModeUntil: until } });
    if (count === 0) {
      await tx.thread.updateMany({ where: { id: threadId, OR: [{ slowModeUntil: null }, { slowModeUntil: { lt: until } }] }, data: { slowModeUntil: until } });
      return { busy: true, switchedOn: false };
    }
    const thread = await tx.thread.findUniqueOrThrow({ where: { id: threadId }, select: { articleId: true } });
    await appendLog(tx, {
      moderatorId: null,
      articleId: thread.articleId,
      action: "slow_mode_on",
      targetType: "thread",
      targetId: threadId,
      reason: "The thread is very busy: automatic cool-down.",
      detail: trigger,
    });
    return { busy: true, switchedOn: true };
  });
}

/** A moderator switches slow mode on or off by hand (off also ends an automatic cool-down), with its log row. */
export async function setSlowMode(input: { moderatorId: string; threadId: string; on: boolean; reason?: string }, now = new Date()) {
  return db.$transaction(async (tx) => {
    const thread = await tx.thread.findUnique({
      where: { id: input.threadId },
      select: { id: true, articleId: true, slowModeManual: true, slowModeUntil: true, slowModeSince: true },
    });
    if (!thread) throw new SlowModeError("That thread does not exist.", "not_found");
    const active = isSlowModeActive(thread, now);
    if (input.on && thread.slowModeManual) throw new SlowModeError("Slow mode is already on in this thread.", "conflict");
    if (!input.on && !active) throw new SlowModeError("Slow mode is already off in this thread.", "conflict");
    await tx.thread.update({
      where: { id: thread.id },
      data: input.on ? { slowModeManual: true, slowModeSince: active ? (thread.slowModeSince ?? now) : now } : { slowModeManual: false, slowModeUntil: null },
    });
    await appendLog(tx, {
      moderatorId: input.moderatorId,
      articleId: thread.articleId,
      action: input.on ? "slow_mode_on" : "slow_mode_off",
      targetType: "thread",
      targetId: thread.id,
      reason: input.reason,
    });
  });
}

/**
 * The cool-down's weighing, at most once a second per thread on this instance (COOLDOWN_CHECK_SECONDS): a busy
 * thread gets a comment many times a second, and each weighing counts its last 10 minutes again (three statements
 * that grow with the thread's pace). Comments and reports during the second are weighed once, when it ends, so
 * slow mode starts at most a second later than it would have. A failure is logged; the activity stands.
 */
async function weighThread(threadId: string): Promise<void> {
  try {
    // Started or extended: the thread's banner and its comment form's wait come from its context.
    if ((await evaluateCooldown(threadId)).busy) await forgetThreadContexts(threadId);
  } catch (error) {
    log("error", "slow mode: cool-down evaluation failed", { threadId, error: serializeError(error) });
  }
}

// Comment and report actions are bundled apart: the process's one throttle lives on globalThis, under a registered
// symbol every bundle's copy of this module finds (as lib/anonymous-page-cache.ts does).
const SHARED_THROTTLE = Symbol.for("agora.cooldownThrottle");
type WithSharedThrottle = typeof globalThis & { [SHARED_THROTTLE]?: (threadId: string) => Promise<void> };

function weighThreadSoon(threadId: string): Promise<void> {
  const shared = globalThis as WithSharedThrottle;
  return (shared[SHARED_THROTTLE] ??= trailingThrottle(env.COOLDOWN_CHECK_SECONDS * 1000, weighThread))(threadId);
}

/**
 * evaluateCooldown once a comment or report is stored, after the response has gone (its answer does not wait for
 * the counts), at most once a second per thread (weighThreadSoon). Slow mode itself is enforced inside the
 * comment's transaction (slowModeWait); this only decides whether the automatic cool-down starts.
 */
export async function evaluateCooldownAfterActivity(threadId: string): Promise<void> {
  await afterResponse("slow mode: cool-down evaluation failed", () => weighThreadSoon(threadId), { threadId });
}
