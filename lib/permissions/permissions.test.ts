import { describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/current-user";
import {
  canAppeal,
  canDecideAppeal,
  canEditComment,
  canModerate,
  canReadBody,
  canReplyTo,
  canReport,
  canReportComment,
  canRequestSource,
  canSetStance,
  canSuggestCorrection,
  canOfferSuspension,
  canVote,
  isAppealable,
  mayTakePart,
  staffTitle,
} from ".";

const member = (id: string): CurrentUser => ({ id, name: id, role: "member", suspension: null });
const author = member("author");
const other = member("other");
const suspended: CurrentUser = { ...member("author"), suspension: { until: null, permanent: true, reason: "spam" } };
const moderator: CurrentUser = { id: "mod", name: "Mod", role: "moderator", suspension: null };
const suspendedModerator: CurrentUser = { ...moderator, suspension: { until: new Date(Date.now() + 60_000), permanent: false, reason: null } };
const admin: CurrentUser = { id: "admin", name: "Admin", role: "admin", suspension: null };
const open = { locked: false };
const locked = { locked: true };
const live = { authorId: "author", deletedAt: null, status: "visible" } as const;
const pending = { ...live, status: "pending" } as const;
const hidden = { ...live, status: "hidden" } as const;
const removed = { ...live, status: "removed" } as const;
const deleted = { ...live, deletedAt: new Date() };

describe("canEditComment", () => {
  it.each([
    ["the author, live comment, open thread", author, live, open, true],
    ["the author of a comment awaiting review", author, pending, open, true],
    ["another member", other, live, open, false],
    ["a signed-out visitor", null, live, open, false],
    ["the author, suspended", suspended, live, open, false],
    ["the author of a deleted comment", author, deleted, open, false],
    ["the author of a hidden comment", author, hidden, open, false],
    ["the author of a removed comment", author, removed, open, false],
    ["the author in a locked thread", author, live, locked, false],
    ["a moderator (not the author)", moderator, live, open, false],
  ] as const)("%s → %s", (_name, user, comment, thread, expected) => {
    expect(canEditComment(user, comment, thread)).toBe(expected);
  });
});

describe("canSetStance", () => {
  const top = { ...live, depth: 0 };
  it.each([
    ["the author, top-level comment, open thread", author, top, open, true],
    ["the author of a top-level comment awaiting review", author, { ...pending, depth: 0 }, open, true],
    ["the author of a reply", author, { ...live, depth: 1 }, open, false],
    ["someone else", other, top, open, false],
    ["a moderator (not the author)", moderator, top, open, false],
    ["the author in a locked thread", author, top, locked, false],
    ["the author, suspended", suspended, top, open, false],
    ["the author of a deleted comment", author, { ...deleted, depth: 0 }, open, false],
    ["the author of a hidden comment", author, { ...hidden, depth: 0 }, open, false],
    ["a signed-out visitor", null, top, open, false],
  ] as const)("%s → %s", (_name, user, comment, thread, expected) => {
    expect(canSetStance(user, comment, thread)).toBe(expected);
  });
});

describe("canReplyTo", () => {
  it.each([
    ["a member, open thread", other, open, true],
    ["a member, locked thread", other, locked, false],
    ["a suspended member", suspended, open, false],
    ["a signed-out visitor", null, open, false],
  ] as const)("%s → %s", (_name, user, thread, expected) => {
    expect(canReplyTo(user, live, thread)).toBe(expected);
  });

  it("allows replies only to visible, undeleted comments", () => {
    expect(canReplyTo(other, live, open)).toBe(true);
    for (const comment of [pending, hidden, removed, deleted]) expect(canReplyTo(other, comment, open)).toBe(false);
  });
});

describe("canReport", () => {
  it.each([
    ["another member", other, true],
    ["the author", author, false],
    ["a suspended member", { ...suspended, id: "x" }, false],
    ["a signed-out visitor", null, false],
  ] as const)("%s → %s", (_name, user, expected) => {
    expect(canReport(user, { authorId: "author" })).toBe(expected);
  });
});

describe("canModerate", () => {
  it.each([
    ["a member", author, false],
    ["a moderator", moderator, true],
    ["an admin", admin, true],
    ["a suspended moderator", suspendedModerator, false],
    ["a signed-out visitor", null, false],
  ] as const)("%s → %s", (_name, user, expected) => {
    expect(canModerate(user)).toBe(expected);
  });
});

describe("canReadBody", () => {
  it.each([
    ["anyone, visible", null, live, true],
    ["another member, pending", other, pending, false],
    ["the author, pending", author, pending, true],
    ["another member, hidden", other, hidden, false],
    ["the author, hidden", author, hidden, true],
    ["the author, removed", author, removed, false],
    ["a moderator, removed", moderator, removed, true],
    ["a moderator, deleted by its author", moderator, deleted, false],
  ] as const)("%s → %s", (_name, user, comment, expected) => {
    expect(canReadBody(user, comment)).toBe(expected);
  });
});

describe("canAppeal", () => {
  const on = (action: string, targetUserId: string | null = "author") => ({ action, targetUserId });
  it.each([
    ["the member whose comment was hidden", author, on("hide_comment"), true],
    ["the member whose comment was removed", author, on("remove_comment"), true],
    ["the suspended member, about their suspension", suspended, on("suspend_user"), true],
    ["another member, about someone else's action", other, on("hide_comment"), false],
    ["a moderator, about a member's action", moderator, on("hide_comment"), false],
    ["a signed-out visitor", null, on("hide_comment"), false],
    ["the member, about a locked thread", author, on("lock_thread"), false],
    ["the member, about a restored comment", author, on("restore_comment"), false],
    ["the member, about a lifted suspension", author, on("lift_suspension"), false],
    ["the member, about an appeal decision", author, on("appeal_upheld"), false],
    ["an action with no affected member", author, on("hide_comment", null), false],
  ] as const)("%s → %s", (_name, user, row, expected) => {
    expect(canAppeal(user, row)).toBe(expected);
  });
  it("only hiding, removing and suspending are appealable", () => {
    expect(["hide_comment", "remove_comment", "suspend_user", "lock_thread", "set_role"].filter(isAppealable)).toEqual([
      "hide_comment",
      "remove_comment",
      "suspend_user",
    ]);
  });
});

describe("canDecideAppeal", () => {
  const secondModerator: CurrentUser = { id: "mod2", name: "Mod 2", role: "moderator", suspension: null };
  const appealOf = (moderatorId: string | null, appellantId = "author") => ({ appellantId, log: { moderatorId } });
  it.each([
    ["another moderator", secondModerator, appealOf("mod"), true],
    ["an admin, when a moderator acted", admin, appealOf("mod"), true],
    ["the moderator who took the action", moderator, appealOf("mod"), false],
    ["the admin who took the action", admin, appealOf("admin"), false],
    ["a moderator, on an automatic action", moderator, appealOf(null), true],
    ["a moderator who is the appellant", moderator, appealOf("admin", "mod"), false],
    ["a suspended moderator", suspendedModerator, appealOf("admin"), false],
    ["the appellant, a member", author, appealOf("mod"), false],
    ["another member", other, appealOf("mod"), false],
    ["a signed-out visitor", null, appealOf("mod"), false],
  ] as const)("%s → %s", (_name, user, appeal, expected) => {
    expect(canDecideAppeal(user, appeal)).toBe(expected);
  });
});

describe("canReportComment", () => {
  it.each([
    ["another member, live comment", other, live, true],
    ["its author", author, live, false],
    ["a signed-out visitor", null, live, false],
    ["a suspended member", { ...other, suspension: suspended.suspension }, live, false],
    ["another member, deleted comment", other, deleted, false],
    ["another member, hidden comment", other, hidden, false],
    ["another member, comment awaiting review", other, pending, false],
    ["a moderator (acts instead of reporting)", moderator, live, false],
    ["an admin", admin, live, false],
  ] as const)("%s → %s", (_name, user, comment, expected) => {
    expect(canReportComment(user, comment)).toBe(expected);
  });
});

describe("canOfferSuspension (the Suspend control)", () => {
  const memberAuthor = { id: "author", role: "member" } as const;
  it.each([
    ["a moderator, a member's comment", moderator, memberAuthor, true],
    ["an admin, a member's comment", admin, memberAuthor, true],
    ["a moderator, another moderator's comment", moderator, { id: "mod2", role: "moderator" }, false],
    ["an admin, a moderator's comment", admin, { id: "mod2", role: "moderator" }, true],
    ["an admin, an editor's comment", admin, { id: "ed", role: "editor" }, true],
    ["a moderator, an editor's comment", moderator, { id: "ed", role: "editor" }, false],
    ["an admin, another admin's comment", admin, { id: "admin2", role: "admin" }, false],
    ["a moderator, their own comment", moderator, { id: "mod", role: "member" }, false],
    ["a suspended moderator", suspendedModerator, memberAuthor, false],
    ["a member", other, memberAuthor, false],
    ["a signed-out visitor", null, memberAuthor, false],
  ] as const)("%s → %s", (_name, user, target, expected) => {
    expect(canOfferSuspension(user, target)).toBe(expected);
  });
});

describe("staffTitle", () => {
  it.each([
    ["member", undefined],
    ["moderator", "Moderator"],
    ["admin", "Admin"],
  ] as const)("a %s carries %s beside their name", (role, title) => {
    expect(staffTitle({ role })).toBe(title);
  });
});

describe("mayTakePart: an unconfirmed member reads but does not take part", () => {
  const unconfirmed: CurrentUser = { ...member("author"), emailUnconfirmed: true };
  const other = { authorId: "someone-else", deletedAt: null, status: "visible" as const };
  it.each([
    ["a confirmed member", member("author"), true],
    ["a member who must confirm their address", unconfirmed, false],
    ["a suspended member", suspended, false],
    ["signed out", null, false],
  ] as const)("%s", (_label, user, expected) => {
    expect(mayTakePart(user)).toBe(expected);
    expect(canReplyTo(user, other, { locked: false })).toBe(expected);
    expect(canVote(user, other)).toBe(expected);
    expect(canReport(user, other)).toBe(expected);
    expect(canRequestSource(user, other, { locked: false })).toBe(expected);
    expect(canSuggestCorrection(user)).toBe(expected);
    expect(canEditComment(user, { ...other, authorId: "author" }, { locked: false })).toBe(expected);
  });
});
