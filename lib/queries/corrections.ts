import type { CurrentUser } from "@/lib/current-user";
import { correctionOutcomeNotice } from "@/lib/moderation-notices";
import { emailNoticesAfterResponse } from "@/lib/notify";
import { db } from "@/lib/db";
import type { CorrectionTarget } from "@/lib/generated/prisma/enums";
import { canDecideCorrection, canSuggestCorrection } from "@/lib/permissions";
import { appendLog } from "./moderation-log";
import { createNotice } from "./notices";

// Correction requests: "the article or the point's summary is wrong". They go to the editors' queue
// (/mod/corrections), never to the abuse queue. An editor accepts one with a public note, which then shows, dated,
// on the point for everyone, or rejects it with a reason for the member who asked. Either decision is logged
// (with the article, for its public log) in the transaction that changes the status, and only an open request can
// be decided: the status is compared and set in one statement, so two editors deciding at once cannot both win.

export class CorrectionError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "forbidden" | "decided" | "too_many",
  ) {
    super(message);
  }
}

/** Open requests one member may have on one point at a time: enough to report real errors, not to flood the queue. */
export const OPEN_CORRECTIONS_PER_MEMBER_PER_THREAD = 3;

type Actor = Pick<CurrentUser, "id" | "role" | "suspension">;

export async function createCorrection(input: { threadId: string; requester: Actor; target: CorrectionTarget; claim: string }) {
  const { threadId, requester } = input;
  if (!canSuggestCorrection(requester)) throw new CorrectionError("You cannot suggest corrections.", "forbidden");
  const thread = await db.thread.findUnique({ where: { id: threadId }, select: { id: true } });
  if (!thread) throw new CorrectionError("That thread does not exist.", "not_found");
  const open = await db.correction.count({ where: { threadId, requesterId: requester.id, status: "open" } });
  if (open >= OPEN_CORRECTIONS_PER_MEMBER_PER_THREAD) {
    throw new CorrectionError("You already have several corrections waiting on this point. The editors will get to them.", "too_many");
  }
  return db.correction.create({
    data: { threadId, requesterId: requester.id, target: input.target, claim: input.claim },
    select: { id: true, threadId: true, status: true },
  });
}

const queueFields = {
  id: true,
  target: true,
  claim: true,
  createdAt: true,
  requester: { select: { id: true, name: true } },
  thread: { select: { id: true, position: true, title: true, summary: true, article: { select: { id: true, slug: true, title: true } } } },
} as const;

/** The editors' queue: open requests, oldest first (optionally one article's, for its digest). */
export function listOpenCorrections(options: { articleId?: string; take?: number } = {}) {
  return db.correction.findMany({
    where: { status: "open", ...(options.articleId ? { thread: { articleId: options.articleId } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: options.take ?? 200,
    select: queueFields,
  });
}

export type QueuedCorrection = Awaited<ReturnType<typeof listOpenCorrections>>[number];

export function countOpenCorrections(): Promise<number> {
  return db.correction.count({ where: { status: "open" } });
}

export type CorrectionDecision = { kind: "accept"; note: string } | { kind: "reject"; reason: string };

/** Accepts (with a public note) or rejects (with a reason) an open request; refused once it has been decided. */
export async function decideCorrection(input: { correctionId: string; editor: Actor; decision: CorrectionDecision }) {
  const { correctionId, editor, decision } = input;
  if (!canDecideCorrection(editor)) throw new CorrectionError("Only moderators can do that.", "forbidden");
  const noticeIds: string[] = [];
  const decided = await db.$transaction(async (tx) => {
    const correction = await tx.correction.findUnique({
      where: { id: correctionId },
      select: { id: true, requesterId: true, target: true, thread: { select: { id: true, title: true, position: true, articleId: true } } },
    });
    if (!correction) throw new CorrectionError("That correction request does not exist.", "not_found");
    const decidedAt = new Date();
    const accepted = decision.kind === "accept";
    const { count } = await tx.correction.updateMany({
      where: { id: correctionId, status: "open" },
      data: {
        status: accepted ? "accepted" : "rejected",
        note: accepted ? decision.note : null,
        decisionReason: accepted ? null : decision.reason,
        decidedById: editor.id,
        decidedAt,
      },
    });
    if (count === 0) throw new CorrectionError("That correction request has already been decided.", "decided");
    await appendLog(tx, {
      moderatorId: editor.id,
      articleId: correction.thread.articleId,
      action: accepted ? "accept_correction" : "reject_correction",
      targetType: "correction",
      targetId: correction.id,
      targetUserId: correction.requesterId,
      reason: accepted ? decision.note : decision.reason,
      detail: `Point ${correction.thread.position}: ${correction.target === "article" ? "the article" : "the point's summary"}`,
    });
    // The requester hears the decision (not who took it).
    const text = correctionOutcomeNotice({
      accepted,
      threadTitle: correction.thread.title,
      text: accepted ? decision.note : decision.reason,
      href: `/t/${correction.thread.id}`,
    });
    noticeIds.push(await createNotice(tx, correction.requesterId, text));
    return { id: correction.id, threadId: correction.thread.id, status: accepted ? ("accepted" as const) : ("rejected" as const), decidedAt };
  });
  await emailNoticesAfterResponse(noticeIds);
  return decided;
}

export type CorrectionNote = { id: string; target: CorrectionTarget; note: string; decidedAt: Date };

/** The accepted corrections' public notes on these points, oldest first per point (one query). */
export async function getCorrectionNotes(threadIds: string[]): Promise<Map<string, CorrectionNote[]>> {
  const notes = new Map<string, CorrectionNote[]>();
  if (threadIds.length === 0) return notes;
  const rows = await db.correction.findMany({
    where: { threadId: { in: threadIds }, status: "accepted" },
    orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
    select: { id: true, threadId: true, target: true, note: true, decidedAt: true },
  });
  for (const row of rows) {
    if (!row.note || !row.decidedAt) continue;
    const list = notes.get(row.threadId) ?? [];
    list.push({ id: row.id, target: row.target, note: row.note, decidedAt: row.decidedAt });
    notes.set(row.threadId, list);
  }
  return notes;
}

/** The members who have suggested corrections to one point (the thread page reads a member's own only if they have). */
export async function getCorrectionRequesters(threadId: string): Promise<Set<string>> {
  const rows = await db.correction.findMany({ where: { threadId }, distinct: ["requesterId"], select: { requesterId: true } });
  return new Set(rows.map((row) => row.requesterId));
}

/** A member's own requests on one point, newest first: open ones, and the outcome of decided ones. */
export function getMyCorrections(threadId: string, requesterId: string) {
  return db.correction.findMany({
    where: { threadId, requesterId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 10,
    select: { id: true, target: true, claim: true, status: true, note: true, decisionReason: true, createdAt: true, decidedAt: true },
  });
}

export type MyCorrection = Awaited<ReturnType<typeof getMyCorrections>>[number];
