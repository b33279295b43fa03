import { describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/current-user";
import type { CommentStatus, Role } from "@/lib/generated/prisma/enums";
import type { ThreadComment } from "@/lib/queries/comment-windows";
import type { CommentNode } from "@/lib/reply-tree";
import { commentView, type CommentViewContext } from "./comment-view";

// What each viewer is shown of one comment and may do with it, decided in one place (commentView) for the
// thread page, a comment's page and the no-JavaScript control pages alike.

const AUTHOR = "author-1";

function viewer(kind: string): CurrentUser | null {
  const user = (id: string, role: Role, extra: Partial<CurrentUser> = {}): CurrentUser => ({ id, name: id, role, suspension: null, ...extra });
  switch (kind) {
    case "signed out":
      return null;
    case "author":
      return user(AUTHOR, "member");
    case "member":
      return user("member-2", "member");
    case "suspended member":
      return user("member-3", "member", { suspension: { until: null, permanent: true, reason: "spam" } });
    case "unconfirmed member":
      return user("member-4", "member", { emailUnconfirmed: true });
    case "moderator":
      return user("mod-5", "moderator");
    case "admin":
      return user("admin-6", "admin");
    default:
      throw new Error(kind);
  }
}

function node(state: { status?: CommentStatus; deleted?: boolean; authorRole?: Role } = {}): CommentNode<ThreadComment> {
  return {
    id: "c1",
    parentId: null,
    depth: 0,
    path: "00001",
    replyCount: 0,
    score: 3,
    stance: "agrees",
    body: "Body",
    bodyHtml: "<p>Body</p>",
    sources: [],
    status: state.status ?? "visible",
    moderationReason: "off topic",
    createdAt: new Date("2026-12-01T10:00:00Z"),
    editedAt: null,
    deletedAt: state.deleted ? new Date("2026-12-02T10:00:00Z") : null,
    author: { id: AUTHOR, name: "Ada", role: state.authorRole ?? "member", deletedAt: null },
    replies: [],
    moreReplies: 0,
  };
}

const view = (kind: string, state: Parameters<typeof node>[0] = {}, thread: Partial<CommentViewContext["thread"]> = {}) =>
  commentView(node(state), { thread: { id: "t1", locked: false, ...thread }, user: viewer(kind), maxDepth: 5 });

describe("the controls on a visible comment in an open thread", () => {
  it.each([
    ["signed out", undefined],
    ["author", ["reply", "edit", "delete"]],
    ["member", ["reply", "report"]],
    ["suspended member", undefined],
    ["unconfirmed member", undefined],
    // Staff act on a comment directly rather than report it.
    ["moderator", ["reply", "moderate", "suspend"]],
    ["admin", ["reply", "moderate", "suspend"]],
  ])("%s: %j", (kind, controls) => {
    expect(view(kind).controls).toEqual(controls);
  });
});

describe("what a viewer reads of a comment in each state", () => {
  it.each([
    // [viewer, state, body shown, author shown, tombstone]
    ["member", { status: "visible" }, true, true, undefined],
    ["member", { status: "pending" }, false, false, "[awaiting review]"],
    ["author", { status: "pending" }, true, true, undefined],
    ["moderator", { status: "pending" }, true, true, undefined],
    ["member", { status: "hidden" }, false, true, undefined],
    ["author", { status: "hidden" }, true, true, undefined],
    ["moderator", { status: "hidden" }, true, true, undefined],
    ["member", { status: "removed" }, false, false, "[removed]"],
    // A removal takes the words away from everyone but the moderators, the author included.
    ["author", { status: "removed" }, false, false, "[removed]"],
    ["moderator", { status: "removed" }, true, true, undefined],
    ["moderator", { deleted: true }, false, false, "[deleted]"],
  ] as const)("%s, %j: body %s, author %s, tombstone %s", (kind, state, body, author, tombstone) => {
    const shown = view(kind, state);
    expect(shown.html !== undefined).toBe(body);
    expect(shown.author !== undefined).toBe(author);
    expect(shown.tombstone).toBe(tombstone);
  });

  it("says why a moderator hid a comment, to everyone who sees it", () => {
    expect(view("member", { status: "hidden" }).notice).toBe("Hidden by a moderator: off topic");
  });
});

describe("votes", () => {
  it.each([
    ["signed out", false],
    ["author", false],
    ["member", true],
    ["suspended member", false],
  ])("%s may vote: %s", (kind, can) => {
    expect(view(kind).vote).toEqual(can ? { score: 3, can: true } : { score: 3 });
  });

  it("a hidden comment shows no score and takes no votes", () => {
    expect(view("member", { status: "hidden" }).vote).toBeUndefined();
  });
});

describe("a locked thread", () => {
  it("leaves reading and moderating, and takes replies and edits away", () => {
    expect(view("author", {}, { locked: true }).controls).toBeUndefined();
    expect(view("member", {}, { locked: true }).controls).toEqual(["report"]);
    expect(view("moderator", {}, { locked: true }).controls).toEqual(["moderate", "suspend"]);
  });
});

describe("staff", () => {
  it("a moderator's comment carries the Moderator badge, and another moderator is not offered to suspend them", () => {
    expect(view("member", { authorRole: "moderator" }).author?.staff).toBe("Moderator");
    expect(view("moderator", { authorRole: "moderator" }).controls).not.toContain("suspend");
  });
});
