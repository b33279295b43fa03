import { describe, expect, it } from "vitest";
import { executedQueryCount } from "@/lib/db";
import { createTestComment, createTestModerator, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { deleteComment } from "./comment-writes";
import { getMemberCard, MEMBER_CARD_ACTIONS_SHOWN } from "./member-card";
import { dismissReports, moderateComment, suspendUser } from "./moderation";
import { createReport } from "./reports";

describe("a moderator's card of a member", () => {
  it("counts their comments by what became of them, their reports by outcome, and what moderators did to them", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const mod = await createTestModerator("Card Moderator");
    const member = await createTestUser("Card Member");
    const other = await createTestUser("Card Other");

    const shown = await createTestComment({ threadId, authorId: member.id });
    const hidden = await createTestComment({ threadId, authorId: member.id });
    await createTestComment({ threadId, authorId: member.id, status: "pending" });
    await moderateComment({ moderatorId: mod.id, commentId: hidden.id, kind: "hide", reason: "Rude" });
    const mine = await createTestComment({ threadId, authorId: member.id });
    await deleteComment({ authorId: member.id, commentId: mine.id });

    // Three reports by the member: one acted on, one dismissed, one still open.
    const [a, b, c] = [
      await createTestComment({ threadId, authorId: other.id }),
      await createTestComment({ threadId, authorId: other.id }),
      await createTestComment({ threadId, authorId: other.id }),
    ];
    await createReport({ reporterId: member.id, threadId, commentId: a.id, reason: "spam" });
    await createReport({ reporterId: member.id, threadId, commentId: b.id, reason: "spam" });
    await createReport({ reporterId: member.id, threadId, commentId: c.id, reason: "spam" });
    await moderateComment({ moderatorId: mod.id, commentId: a.id, kind: "remove", reason: "Spam" });
    await dismissReports({ moderatorId: mod.id, commentId: b.id, threadId });
    await suspendUser({ moderator: mod, userId: member.id, duration: "1d", reason: "Cooling off" });

    const before = executedQueryCount();
    const card = await getMemberCard(member.id);
    expect(executedQueryCount() - before).toBeLessThanOrEqual(6);
    expect(card.comments).toEqual({ visible: 1, pending: 1, hidden: 1, removed: 0, deleted: 1 });
    expect(card.reports).toEqual({ open: 1, actedOn: 1, dismissed: 1 });
    expect(card.actions.total).toBe(2);
    expect(card.actions.recent.map((entry) => entry.action)).toEqual(["suspend_user", "hide_comment"]);
    expect(card.actions.recent[0]).toMatchObject({ moderator: "Card Moderator", reason: "Cooling off" });
    expect(shown.id).toBeTruthy();

    // Someone with no history: all zero, nothing listed.
    expect(await getMemberCard(other.id)).toEqual({
      comments: { visible: 2, pending: 0, hidden: 0, removed: 1, deleted: 0 },
      reports: { open: 0, actedOn: 0, dismissed: 0 },
      actions: { total: 1, recent: [expect.objectContaining({ action: "remove_comment" })] },
    });
    expect(MEMBER_CARD_ACTIONS_SHOWN).toBe(10);
  });
});
