import { describe, expect, it } from "vitest";
import type { CurrentUser } from "./current-user";
import { canComment, canEditComment } from "./permissions";

const author: CurrentUser = { id: "author", name: "Author", role: "member" };
const other: CurrentUser = { id: "other", name: "Other", role: "member" };
const open = { locked: false };
const locked = { locked: true };
const live = { authorId: "author", deletedAt: null };
const deleted = { authorId: "author", deletedAt: new Date() };

describe("canEditComment", () => {
  it.each([
    ["the author, live comment, open thread", author, live, open, true],
    ["another member", other, live, open, false],
    ["a signed-out visitor", null, live, open, false],
    ["the author of a deleted comment", author, deleted, open, false],
    ["the author in a locked thread", author, live, locked, false],
  ] as const)("%s → %s", (_name, user, comment, thread, expected) => {
    expect(canEditComment(user, comment, thread)).toBe(expected);
  });
});

describe("canComment", () => {
  it.each([
    ["a member, open thread", author, open, true],
    ["a member, locked thread", author, locked, false],
    ["a signed-out visitor", null, open, false],
  ] as const)("%s → %s", (_name, user, thread, expected) => {
    expect(canComment(user, thread)).toBe(expected);
  });
});
