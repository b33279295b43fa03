import { describe, expect, it } from "vitest";
import { signUpSchema } from "./auth";
import { createCommentSchema } from "./comment";
import { articleDetailsSchema, newArticleSchema } from "./editor";
import { reportSchema, wordFilterSchema } from "./moderation";
import { storableText, wellFormedText } from "./text";

describe("storableText", () => {
  it("drops NUL and other control characters but keeps tabs and line breaks", () => {
    expect(storableText("a\u0000b\u0007c\u001b[31md\u007fe")).toBe("abc[31mde");
    expect(storableText("line one\r\n\tline two")).toBe("line one\r\n\tline two");
  });

  it("turns a lone surrogate into U+FFFD and leaves a real pair (an emoji) alone", () => {
    expect(storableText("a\ud800b\udfffc")).toBe("a\ufffdb\ufffdc");
    expect(storableText("😀")).toBe("😀");
    expect(wellFormedText("\ud83d")).toBe("\ufffd");
  });

  it("passes anything that is not text through, for the schema to refuse", () => {
    const file = new File(["x"], "x.txt");
    expect(storableText(file)).toBe(file);
    expect(storableText(undefined)).toBeUndefined();
  });
});

describe("schemas store only storable text", () => {
  it("a comment body loses its NUL (PostgreSQL cannot store one) and a body of control characters is empty", () => {
    expect(createCommentSchema.parse({ threadId: "abc", body: "hi\u0000 there" }).body).toBe("hi there");
    expect(createCommentSchema.safeParse({ threadId: "abc", body: "\u0000\u0001\u0002" }).error?.issues[0]?.message).toBe("Write a comment first.");
  });

  it("a report note, a filter phrase and a display name come out well-formed", () => {
    expect(reportSchema.parse({ threadId: "abc", reason: "spam", note: "odd\ud800" }).note).toBe("odd\ufffd");
    expect(wordFilterSchema.parse({ phrase: "bad\u0000word", action: "block" }).phrase).toBe("badword");
    expect(signUpSchema.parse({ name: "Ada\udc00", email: "ada@example.org", password: "long enough" }).name).toBe("Ada\ufffd");
  });

  it("a file or a missing field gets a sentence, not zod's default message", () => {
    const file = new File(["x"], "x.txt");
    const messages = [
      reportSchema.safeParse({ reason: "spam" }),
      reportSchema.safeParse({ threadId: "abc", reason: "spam", note: file }),
      wordFilterSchema.safeParse({ phrase: file, action: "block" }),
      signUpSchema.safeParse({ name: file, email: "ada@example.org", password: "long enough" }),
    ].flatMap((result) => result.error?.issues.map((issue) => issue.message) ?? []);
    expect(messages).toEqual(["Missing id.", "Notes are plain text.", "Enter a phrase to filter.", "Choose a display name."]);
  });
});

describe("the editor's fields", () => {
  it("lose NULs and lone surrogates (found by fuzzing on PostgreSQL: a NUL summary was a 500), and a field of control characters alone is empty", () => {
    const base = { articleId: "cmx9w2jmq0059yu7deylo9luv", title: "A title", source: "A source", sourceUrl: "" };
    expect(articleDetailsSchema.parse({ ...base, summary: "a\u0000b" }).summary).toBe("ab");
    expect(articleDetailsSchema.parse({ ...base, title: "\ud800", summary: "s" }).title).toBe("\ufffd");
    expect(articleDetailsSchema.safeParse({ ...base, summary: "\u0000" }).error?.issues[0]?.message).toBe("Give the summary.");
    expect(newArticleSchema.parse({ source: "A source", title: "\u0000", text: "Body\u0000 text" })).toMatchObject({ title: undefined, text: "Body text" });
  });
});
