import { describe, expect, it } from "vitest";
import { ancestorsOf, buildCommentTree, commentHref, findSubtree, MAX_VISIBLE_DEPTH } from "./comment-tree";

const c = (id: string, parentId: string | null = null) => ({ id, parentId });

describe("buildCommentTree", () => {
  it("nests replies under their parents, keeping order", () => {
    const tree = buildCommentTree([c("a"), c("b"), c("a1", "a"), c("a2", "a"), c("a1x", "a1")]);
    expect(tree.map((n) => n.id)).toEqual(["a", "b"]);
    expect(tree[0]?.replies.map((n) => n.id)).toEqual(["a1", "a2"]);
    expect(tree[0]?.replies[0]?.replies.map((n) => n.id)).toEqual(["a1x"]);
    expect(tree[0]?.replyCount).toBe(3);
    expect(tree[1]?.replyCount).toBe(0);
  });

  it("keeps a comment whose parent is missing, as a root", () => {
    expect(buildCommentTree([c("orphan", "gone")]).map((n) => n.id)).toEqual(["orphan"]);
  });

  it("handles a chain 20,000 deep without overflowing the stack", () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => c(`n${i}`, i === 0 ? null : `n${i - 1}`));
    const [root] = buildCommentTree(chain);
    expect(root?.replyCount).toBe(19_999);
    expect(findSubtree(buildCommentTree(chain), "n19999")?.replyCount).toBe(0);
  });
});

describe("findSubtree and ancestorsOf", () => {
  const comments = [c("a"), c("a1", "a"), c("a1x", "a1"), c("b")];

  it("finds a nested comment with its replies", () => {
    expect(findSubtree(buildCommentTree(comments), "a1")?.replies.map((n) => n.id)).toEqual(["a1x"]);
    expect(findSubtree(buildCommentTree(comments), "zzz")).toBeUndefined();
  });

  it("lists ancestors root first", () => {
    expect(ancestorsOf(comments, "a1x").map((n) => n.id)).toEqual(["a", "a1"]);
    expect(ancestorsOf(comments, "a")).toEqual([]);
  });
});

describe("commentHref", () => {
  it("anchors shallow comments on the thread page and gives deep ones their own page", () => {
    expect(commentHref("t", { id: "x", depth: 0 })).toBe("/t/t#c-x");
    expect(commentHref("t", { id: "x", depth: MAX_VISIBLE_DEPTH })).toBe("/t/t/c/x#c-x");
  });
});
