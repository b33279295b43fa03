import { describe, expect, it } from "vitest";
import { createCommentSchema, editCommentSchema } from "./comment";

describe("createCommentSchema", () => {
  it("trims the body and treats an empty parentId as top-level", () => {
    const parsed = createCommentSchema.parse({ threadId: "abc123", parentId: "", body: "  hello  " });
    expect(parsed).toEqual({ threadId: "abc123", parentId: undefined, body: "hello" });
  });

  it.each([
    ["empty", ""],
    ["whitespace only", " \n\t "],
  ])("refuses a %s body with a clear message", (_name, body) => {
    const result = createCommentSchema.safeParse({ threadId: "abc", body });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Write a comment first.");
  });

  it("accepts exactly 10,000 characters after trimming and refuses 10,001", () => {
    expect(createCommentSchema.safeParse({ threadId: "abc", body: ` ${"a".repeat(10_000)} ` }).success).toBe(true);
    const tooLong = createCommentSchema.safeParse({ threadId: "abc", body: "a".repeat(10_001) });
    expect(tooLong.error?.issues[0]?.message).toBe("Comments are at most 10,000 characters (this one has 10,001).");
  });

  it("refuses ids that are not plain identifiers", () => {
    for (const threadId of ["", "../etc", "a b", "x".repeat(65)]) {
      expect(createCommentSchema.safeParse({ threadId, body: "hi" }).success).toBe(false);
    }
  });

  it("drops fields it does not know, such as an authorId", () => {
    const parsed = createCommentSchema.parse({ threadId: "abc", body: "hi", authorId: "someone-else", depth: 0 });
    expect(parsed).not.toHaveProperty("authorId");
    expect(parsed).not.toHaveProperty("depth");
  });

  it("refuses a body that is not text", () => {
    expect(editCommentSchema.safeParse({ commentId: "abc", body: 42 }).success).toBe(false);
  });
});
