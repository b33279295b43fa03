import { describe, expect, it } from "vitest";
import type { CommentView } from "@/lib/comment-view";
import { withPosted, type PostedComment } from "./posted-comment";

// replyCount counts every reply below, at any depth, as the server's does.
const below = (replies: CommentView[]): number => replies.reduce((sum, reply) => sum + 1 + reply.replyCount, 0);
const view = (id: string, replies?: CommentView[]): CommentView => ({
  id,
  createdAt: new Date("2026-12-05T12:00:00Z"),
  status: "visible",
  replyCount: replies ? below(replies) : 0,
  ...(replies ? { replies } : {}),
});
const post = (id: string, parentId: string | null, extra: Partial<CommentView> = { focused: true }): PostedComment => ({
  view: { ...view(id), ...extra },
  parentId,
  href: `/t/thread?at=${id}#c-${id}`,
  commentCount: 1,
  unmatched: [],
});
const ids = (views: readonly CommentView[]): unknown[] => views.map((v) => (v.replies ? [v.id, ids(v.replies)] : v.id));

describe("withPosted: the reader's posts in place on the page they were posted from", () => {
  const page = [view("a", [view("a1", [view("a1x")])]), view("b")];

  it("leaves the page as it is with nothing posted", () => {
    expect(withPosted(page, [])).toBe(page);
  });

  it("puts top-level comments first, newest first, under the box they were written in", () => {
    expect(ids(withPosted(page, [post("n1", null), post("n2", null)]))).toEqual(["n2", "n1", ["a", [["a1", ["a1x"]]]], "b"]);
  });

  it("puts a reply last among its parent's shown replies, at any depth, and counts it there", () => {
    const placed = withPosted(page, [post("r1", "a1"), post("r2", "b")]);
    expect(ids(placed)).toEqual([
      ["a", [["a1", ["a1x", "r1"]]]],
      ["b", ["r2"]],
    ]);
    expect(placed[1]!.replyCount).toBe(1);
    // Every ancestor counts it: a1 had one reply below it, a had two.
    expect(placed[0]!.replies![0]!.replyCount).toBe(2);
    expect(placed[0]!.replyCount).toBe(3);
    // The untouched parts of the page are the same objects.
    expect(withPosted(page, [post("r", "b")])[0]).toBe(page[0]);
  });

  it("does not count a reply held for review, which the server does not count either", () => {
    const placed = withPosted(page, [post("held", "a1", { pending: true, status: "pending" })]);
    expect(ids(placed)[0]).toEqual(["a", [["a1", ["a1x", "held"]]]]);
    expect(placed[0]!.replyCount).toBe(2);
  });

  it("marks only the newest post as the one to look at", () => {
    const placed = withPosted(page, [post("n1", null), post("n2", null)]);
    expect(placed.map((v) => [v.id, v.focused ?? false])).toEqual([
      ["n2", true],
      ["n1", false],
      ["a", false],
      ["b", false],
    ]);
  });

  it("puts a reply under a comment posted in place", () => {
    expect(ids(withPosted(page, [post("n", null), post("r", "n")]))).toEqual([["n", ["r"]], ["a", [["a1", ["a1x"]]]], "b"]);
    // …and a chain of replies, each to the one before.
    expect(ids(withPosted(page, [post("n", null), post("r1", "n"), post("r2", "r1"), post("r3", "r2")]))[0]).toEqual(["n", [["r1", [["r2", ["r3"]]]]]]);
  });

  it("never shows a comment twice once the server's page holds it", () => {
    expect(ids(withPosted(page, [post("a1x", "a1"), post("b", null)]))).toEqual(ids(page));
  });

  it("leaves out a reply whose parent is not on the page", () => {
    expect(ids(withPosted(page, [post("r", "elsewhere")]))).toEqual(ids(page));
  });
});
