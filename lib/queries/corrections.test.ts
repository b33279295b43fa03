import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/current-user";
import { db } from "@/lib/db";
import { createTestThreads, createTestUser, currentUserFor } from "@/lib/testing/factories";
import { CLAIM_MAX_LENGTH, correctionSchema, decideCorrectionSchema } from "@/lib/validations/evidence";
import {
  CorrectionError,
  createCorrection,
  decideCorrection,
  getCorrectionNotes,
  getMyCorrections,
  listOpenCorrections,
  OPEN_CORRECTIONS_PER_MEMBER_PER_THREAD,
} from "./corrections";

let threadId: string;
let otherThreadId: string;
let articleId: string;
let member: CurrentUser;
let moderator: CurrentUser;
let admin: CurrentUser;
let suspendedModerator: CurrentUser;

beforeAll(async () => {
  [threadId, otherThreadId] = (await createTestThreads(2)) as [string, string];
  articleId = (await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { articleId: true } })).articleId;
  member = await currentUserFor((await createTestUser("Member")).id);
  moderator = await currentUserFor((await createTestUser("Editor", { role: "moderator" })).id);
  admin = await currentUserFor((await createTestUser("Admin", { role: "admin" })).id);
  suspendedModerator = await currentUserFor((await createTestUser("Suspended editor", { role: "moderator", suspended: "permanent" })).id);
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof CorrectionError ? error.message : error),
  );
const suggest = (claim = "The figure is 12%, not 21%: see table 3.", thread = threadId) =>
  createCorrection({ threadId: thread, requester: member, target: "summary", claim });

describe("correction validation", () => {
  it.each([
    ["a missing claim", { threadId: "abc", target: "article" }],
    ["a blank claim", { threadId: "abc", target: "article", claim: "   \n " }],
    ["a claim too short to say anything", { threadId: "abc", target: "article", claim: "wrong" }],
    ["a claim over the limit", { threadId: "abc", target: "article", claim: "x".repeat(CLAIM_MAX_LENGTH + 1) }],
    ["an unknown target", { threadId: "abc", target: "comment", claim: "This is plainly wrong." }],
    ["a malformed thread id", { threadId: "../etc", target: "article", claim: "This is plainly wrong." }],
  ])("refuses %s with a message", (_name, form) => {
    const parsed = correctionSchema.safeParse(form);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/\w/);
  });

  it("accepts a claim and trims it", () => {
    expect(correctionSchema.parse({ threadId: "abc", target: "summary", claim: "  The date is 1989, not 1998.  " }).claim).toBe("The date is 1989, not 1998.");
  });

  it("requires a public note to accept and a reason to reject", () => {
    expect(decideCorrectionSchema.safeParse({ correctionId: "abc", kind: "accept", note: " " }).success).toBe(false);
    expect(decideCorrectionSchema.safeParse({ correctionId: "abc", kind: "reject" }).success).toBe(false);
    expect(decideCorrectionSchema.safeParse({ correctionId: "abc", kind: "approve", note: "n" }).success).toBe(false);
    expect(decideCorrectionSchema.parse({ correctionId: "abc", kind: "accept", note: "Fixed." })).toEqual({
      correctionId: "abc",
      kind: "accept",
      note: "Fixed.",
    });
  });
});

describe("createCorrection and the editors' queue", () => {
  it("queues a member's request, refuses a thread that does not exist and a flood of open ones", async () => {
    const [fresh] = (await createTestThreads(1)) as [string];
    for (let i = 0; i < OPEN_CORRECTIONS_PER_MEMBER_PER_THREAD; i++) await suggest(`Claim number ${i} is wrong.`, fresh);
    expect(await refusal(suggest("One more claim that is wrong.", fresh))).toMatch(/already have several corrections/);
    expect(await refusal(createCorrection({ threadId: "nosuchthread", requester: member, target: "article", claim: "Wrong thing here." }))).toBe(
      "That thread does not exist.",
    );
    const mine = await getMyCorrections(fresh, member.id);
    expect(mine).toHaveLength(OPEN_CORRECTIONS_PER_MEMBER_PER_THREAD);
    expect(mine.every((c) => c.status === "open")).toBe(true);
  });

  it("lists only open requests, oldest first, and leaves reports alone", async () => {
    const open = await suggest("Still open: the year is wrong.");
    const decided = await suggest("Decided: the name is misspelt.");
    await decideCorrection({ correctionId: decided.id, editor: moderator, decision: { kind: "reject", reason: "The spelling is the source's." } });
    const ids = (await listOpenCorrections()).map((c) => c.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(decided.id);
    expect((await listOpenCorrections({ articleId })).every((c) => c.thread.article.id === articleId)).toBe(true);
    expect(await db.report.count({ where: { threadId } })).toBe(0);
  });
});

describe("decideCorrection", () => {
  it("accepts with a public note, logged with the article in the same transaction, and the note shows on the point", async () => {
    const correction = await suggest();
    const result = await decideCorrection({
      correctionId: correction.id,
      editor: admin,
      decision: { kind: "accept", note: "The summary said 21%; it is 12%." },
    });
    expect(result.status).toBe("accepted");
    const row = await db.correction.findUniqueOrThrow({ where: { id: correction.id } });
    expect(row).toMatchObject({ status: "accepted", note: "The summary said 21%; it is 12%.", decidedById: admin.id, decisionReason: null });
    const log = await db.moderationLog.findMany({ where: { targetId: correction.id } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: "accept_correction",
      targetType: "correction",
      articleId,
      moderatorId: admin.id,
      targetUserId: member.id,
      reason: "The summary said 21%; it is 12%.",
    });

    const notes = await getCorrectionNotes([threadId, otherThreadId]);
    expect(notes.get(threadId)?.map((n) => n.note)).toContain("The summary said 21%; it is 12%.");
    expect(notes.get(otherThreadId)).toBeUndefined();
    expect((await getMyCorrections(threadId, member.id)).find((c) => c.id === correction.id)).toMatchObject({ status: "accepted" });
  });

  it("rejects with a reason, logged with the article; a rejected request adds no note", async () => {
    const correction = await suggest("The article misquotes the minister.");
    await decideCorrection({ correctionId: correction.id, editor: moderator, decision: { kind: "reject", reason: "The quote matches the transcript." } });
    expect(await db.correction.findUniqueOrThrow({ where: { id: correction.id } })).toMatchObject({
      status: "rejected",
      note: null,
      decisionReason: "The quote matches the transcript.",
    });
    expect(await db.moderationLog.findFirst({ where: { targetId: correction.id } })).toMatchObject({
      action: "reject_correction",
      articleId,
      reason: "The quote matches the transcript.",
    });
    expect((await getCorrectionNotes([threadId])).get(threadId)?.some((n) => n.id === correction.id) ?? false).toBe(false);
  });

  it("refuses a second decision, even two at once, and logs only one", async () => {
    const correction = await suggest("Two editors, one request.");
    const outcomes = await Promise.allSettled([
      decideCorrection({ correctionId: correction.id, editor: moderator, decision: { kind: "accept", note: "First." } }),
      decideCorrection({ correctionId: correction.id, editor: admin, decision: { kind: "reject", reason: "Second." } }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const failure = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(CorrectionError);
    expect(failure.reason.message).toBe("That correction request has already been decided.");
    expect(await refusal(decideCorrection({ correctionId: correction.id, editor: moderator, decision: { kind: "reject", reason: "Third." } }))).toBe(
      "That correction request has already been decided.",
    );
    expect(await db.moderationLog.count({ where: { targetId: correction.id } })).toBe(1);
  });

  it("refuses members and suspended moderators, and ids that are no correction, changing nothing", async () => {
    const correction = await suggest("Members cannot decide this.");
    for (const editor of [member, suspendedModerator]) {
      expect(await refusal(decideCorrection({ correctionId: correction.id, editor, decision: { kind: "accept", note: "Mine now." } }))).toBe(
        "Only moderators can do that.",
      );
    }
    expect(await refusal(decideCorrection({ correctionId: threadId, editor: moderator, decision: { kind: "accept", note: "n" } }))).toBe(
      "That correction request does not exist.",
    );
    expect(await db.correction.findUniqueOrThrow({ where: { id: correction.id } })).toMatchObject({ status: "open", decidedById: null });
    expect(await db.moderationLog.count({ where: { targetId: correction.id } })).toBe(0);
  });
});
