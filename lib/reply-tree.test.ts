import { describe, expect, it } from "vitest";
import type { CommentStatus } from "@/lib/generated/prisma/enums";
import { buildCommentTree, commentHref, MAX_VISIBLE_DEPTH } from "./reply-tree";

/** A comment whose path is its keys ("00001" "00002" ...) and whose parent is the path's second-to-last key. */
function c(keys: number[], replyCount = 0, status: CommentStatus = "visible") {
  const path = keys.map((k) => String(k).padStart(5, "0")).join("");
  const id = `n${keys.join(".")}`;
  return { id, parentId: keys.length > 1 ? `n${keys.slice(0, -1).join(".")}` : null, path, status, replyCount };
}

describe("buildCommentTree", () => {
  it("nests replies under their parents in path order", () => {
    const tree = buildCommentTree([c([1], 3), c([1, 2], 1), c([1, 2, 4]), c([1, 3]), c([5])]);
    expect(tree.map((n) => n.id)).toEqual(["n1", "n5"]);
    expect(tree[0]?.replies.map((n) => n.id)).toEqual(["n1.2", "n1.3"]);
    expect(tree[0]?.replies[0]?.replies.map((n) => n.id)).toEqual(["n1.2.4"]);
    expect(tree.map((n) => n.moreReplies)).toEqual([0, 0]);
  });

  it("counts the replies a page leaves out, from the stored reply counts, with the cursor that continues them", () => {
    // n1 has 7 replies in all: n1.2 (with 2 of its own, 1 shown) and 3 more direct replies' worth not shown.
    const tree = buildCommentTree([c([1], 7), c([1, 2], 2), c([1, 2, 3], 0)]);
    const [root] = tree;
    expect(root?.moreReplies).toBe(7 - (1 + 2));
    expect(root?.moreAfter).toBe("00002");
    expect(root?.replies[0]?.moreReplies).toBe(1);
    expect(root?.replies[0]?.moreAfter).toBe("00003");
  });

  it("does not count a pending reply against its parent's count (pending replies are not in it)", () => {
    const [root] = buildCommentTree([c([1], 1), c([1, 2], 0, "pending"), c([1, 3], 0)]);
    expect(root?.moreReplies).toBe(0);
  });

  it("hangs a comment whose parent is not on the page under its nearest ancestor that is, or makes it a root", () => {
    const tree = buildCommentTree([c([1], 2), c([1, 2, 3]), c([4, 5])]);
    expect(tree.map((n) => n.id)).toEqual(["n1", "n4.5"]);
    expect(tree[0]?.replies.map((n) => n.id)).toEqual(["n1.2.3"]);
  });

  it("gives comments on a permalink's chain no cursor: their other replies start from the first", () => {
    const [root] = buildCommentTree([c([1], 5), c([1, 4], 0)], { partial: new Set(["n1"]) });
    expect(root?.moreReplies).toBe(4);
    expect(root?.moreAfter).toBeUndefined();
  });

  it("handles a 250-deep chain", () => {
    const keys = Array.from({ length: 250 }, (_, i) => i + 1);
    const chain = keys.map((_, i) => c(keys.slice(0, i + 1), 249 - i));
    let node = buildCommentTree(chain)[0];
    let depth = 0;
    while (node?.replies[0]) {
      expect(node.moreReplies).toBe(0);
      node = node.replies[0];
      depth++;
    }
    expect(depth).toBe(249);
  });
});

describe("commentHref", () => {
  it("leads shallow comments to the thread page that contains them and deep ones to their own page", () => {
    expect(commentHref("t", { id: "x", depth: 0 })).toBe("/t/t?at=x#c-x");
    expect(commentHref("t", { id: "x", depth: MAX_VISIBLE_DEPTH - 1 })).toBe("/t/t?at=x#c-x");
    expect(commentHref("t", { id: "x", depth: MAX_VISIBLE_DEPTH })).toBe("/t/t/c/x#c-x");
  });
});
