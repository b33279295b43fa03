import { describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/current-user";
import { canDecideCorrection, canRequestSource, canSuggestCorrection } from ".";

const member = (id: string): CurrentUser => ({ id, name: id, role: "member", suspension: null });
const author = member("author");
const other = member("other");
const suspendedOther: CurrentUser = { ...member("other"), suspension: { until: null, permanent: true, reason: "spam" } };
const moderator: CurrentUser = { id: "mod", name: "Mod", role: "moderator", suspension: null };
const suspendedModerator: CurrentUser = { ...moderator, suspension: { until: new Date(Date.now() + 60_000), permanent: false, reason: null } };
const admin: CurrentUser = { id: "admin", name: "Admin", role: "admin", suspension: null };
const open = { locked: false };
const locked = { locked: true };
const live = { authorId: "author", deletedAt: null, status: "visible" } as const;

describe("canRequestSource", () => {
  it.each([
    ["another member, live comment, open thread", other, live, open, true],
    ["a moderator, on a member's comment", moderator, live, open, true],
    ["the author, on their own comment", author, live, open, false],
    ["a signed-out visitor", null, live, open, false],
    ["a suspended member", suspendedOther, live, open, false],
    ["another member, comment awaiting review", other, { ...live, status: "pending" }, open, false],
    ["another member, hidden comment", other, { ...live, status: "hidden" }, open, false],
    ["another member, removed comment", other, { ...live, status: "removed" }, open, false],
    ["another member, deleted comment", other, { ...live, deletedAt: new Date() }, open, false],
    ["another member, locked thread", other, live, locked, false],
  ] as const)("%s → %s", (_name, user, comment, thread, expected) => {
    expect(canRequestSource(user, comment, thread)).toBe(expected);
  });
});

describe("canSuggestCorrection and canDecideCorrection", () => {
  it.each([
    ["a signed-out visitor", null, false, false],
    ["a member", other, true, false],
    ["a suspended member", suspendedOther, false, false],
    ["a moderator", moderator, true, true],
    ["a suspended moderator", suspendedModerator, false, false],
    ["an admin", admin, true, true],
  ] as const)("%s → suggest %s, decide %s", (_name, user, suggest, decide) => {
    expect(canSuggestCorrection(user)).toBe(suggest);
    expect(canDecideCorrection(user)).toBe(decide);
  });
});
