import { describe, expect, it } from "vitest";
import type { CommentView } from "@/lib/comment-view";
import { withPosted, type PostedComment } from "./posted-comment";

const view = (id: string, replies?: CommentView[]): CommentView => ({
  id,
  createdAt: new Date("2026-12-05T12:00:00Z"),
  status: "visible",
  replyCount: replies?.length ?? 0,
  ...(replies ? { replies } : {}),
});
const post = (id: string, parentId: string | null): PostedComment => ({
  view: view(id),
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
    expect(placed[0]!.replies![0]!.replyCount).toBe(2);
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
