import { describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/current-user";
import { canDeletePoint, canEditArticles, canModerate, canSeeArticle, isThreadClosed } from ".";

const user = (role: CurrentUser["role"], suspended = false): CurrentUser => ({
  id: role,
  name: role,
  role,
  suspension: suspended ? { until: null, permanent: true, reason: "test" } : null,
});
const member = user("member");
const moderator = user("moderator");
const editor = user("editor");
const suspendedEditor = user("editor", true);
const admin = user("admin");
const suspendedAdmin = user("admin", true);

describe("canEditArticles (the /editor pages and every editor action)", () => {
  it.each([
    ["a signed-out visitor", null, false],
    ["a member", member, false],
    ["a moderator", moderator, false],
    ["an editor", editor, true],
    ["a suspended editor", suspendedEditor, false],
    ["an admin (can do all an editor does)", admin, true],
    ["a suspended admin", suspendedAdmin, false],
  ] as const)("%s → %s", (_name, viewer, expected) => {
    expect(canEditArticles(viewer)).toBe(expected);
  });

  it("an editor is not a moderator", () => {
    expect(canModerate(editor)).toBe(false);
  });
});

describe("canSeeArticle: a draft is the editors' alone", () => {
  const draft = { draft: true };
  const published = { draft: false };
  it.each([
    ["a signed-out visitor, published", null, published, true],
    ["a member, published", member, published, true],
    ["a signed-out visitor, draft", null, draft, false],
    ["a member, draft", member, draft, false],
    ["a moderator, draft", moderator, draft, false],
    ["an editor, draft", editor, draft, true],
    ["a suspended editor, draft", suspendedEditor, draft, false],
    ["an admin, draft", admin, draft, true],
  ] as const)("%s → %s", (_name, viewer, article, expected) => {
    expect(canSeeArticle(viewer, article)).toBe(expected);
  });
});

describe("canDeletePoint: a point with comments is closed, never deleted", () => {
  it.each([
    ["an editor, no comments", editor, { commentCount: 0, hasComments: false }, true],
    ["an editor, counted comments", editor, { commentCount: 3, hasComments: true }, false],
    ["an editor, only comments awaiting review (not counted)", editor, { commentCount: 0, hasComments: true }, false],
    ["an admin, no comments", admin, { commentCount: 0, hasComments: false }, true],
    ["a moderator, no comments", moderator, { commentCount: 0, hasComments: false }, false],
    ["a member, no comments", member, { commentCount: 0, hasComments: false }, false],
  ] as const)("%s → %s", (_name, viewer, point, expected) => {
    expect(canDeletePoint(viewer, point)).toBe(expected);
  });
});

describe("isThreadClosed", () => {
  it.each([
    ["open thread, open article", { locked: false }, { closedAt: null }, false],
    ["locked thread", { locked: true }, { closedAt: null }, true],
    ["closed article", { locked: false }, { closedAt: new Date() }, true],
  ] as const)("%s → %s", (_name, thread, article, expected) => {
    expect(isThreadClosed(thread, article)).toBe(expected);
  });
});
