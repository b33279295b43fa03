import { db, type Tx } from "@/lib/db";
import { slowModeConfig, type SlowModeConfig } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { afterResponse } from "@/lib/after-response";
import { appendLog } from "./moderation-log";

/** The window the automatic cool-down counts comments and reports in. */
export const COOLDOWN_WINDOW_MS = 10 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export type SlowModeState = { slowModeManual: boolean; slowModeUntil: Date | null; slowModeSince: Date | null };

/** Slow mode is on while a moderator has switched it on, or until the automatic cool-down's end. */
export function isSlowModeActive(thread: Pick<SlowModeState, "slowModeManual" | "slowModeUntil">, now = new Date()): boolean {
  return thread.slowModeManual || (thread.slowModeUntil !== null && thread.slowModeUntil.getTime() > now.getTime());
}

/** Moderators and admins are never slowed down. */
export const isExemptFromSlowMode = (role: Role) => role !== "member";

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
  if (isExemptFromSlowMode(input.author.role) || !isSlowModeActive(input.thread, now)) return 0;
  const last = await tx.comment.findFirst({
    where: { authorId: input.author.id, threadId: input.threadId },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  if (!last) return 0;
  return Math.max(0, last.createdAt.getTime() + config.slowModeMinutes * MINUTE_MS - now.getTime());
}

/**
 * The automatic cool-down, run after each comment and each report in a thread: two counts over the last ten
 * minutes (on the (threadId, createdAt) and (threadId, status) indexes). Over either threshold, slow mode runs
 * until `quietMinutes` from now, extended while the thread stays busy; switching on is logged once, by Agora.
 */
export async function evaluateCooldown(threadId: string, config: SlowModeConfig = slowModeConfig(), now = new Date()) {
  const since = new Date(now.getTime() - COOLDOWN_WINDOW_MS);
  const [comments, reports] = await Promise.all([
    db.comment.count({ where: { threadId, createdAt: { gte: since } } }),
    db.report.count({ where: { threadId, createdAt: { gte: since } } }),
  ]);
  const trigger =
    comments > config.commentsPer10Min
      ? `${comments} comments in 10 minutes (threshold ${config.commentsPer10Min})`
      : reports > config.reportsPer10Min
        ? `${reports} reports in 10 minutes (threshold ${config.reportsPer10Min})`
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
      data: input.on
        ? { slowModeManual: true, slowModeSince: active ? (thread.slowModeSince ?? now) : now }
        : { slowModeManual: false, slowModeUntil: null },
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
 * evaluateCooldown once a comment or report is stored, after the response has gone (its answer does not wait for
 * two counts): a failure is logged, never the member's problem. Slow mode itself is enforced inside the comment's
 * transaction (slowModeWait); this only decides whether the automatic cool-down starts.
 */
export async function evaluateCooldownAfterActivity(threadId: string): Promise<void> {
  await afterResponse("slow mode: cool-down evaluation failed", () => evaluateCooldown(threadId), { threadId });
}
