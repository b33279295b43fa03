import { describe, expect, it } from "vitest";
import { handleFor, insertMention, mentionBeingTyped } from "./mention-typing";
import { extractMentions, mentionHandle } from "./mentions";

describe("the mention being typed", () => {
  it.each([
    ["Thanks @Gra", { start: 7, prefix: "Gra" }],
    ["@", { start: 0, prefix: "" }],
    ["(@ada", { start: 1, prefix: "ada" }],
    ["line one\n@Dr.W", { start: 9, prefix: "Dr.W" }],
    ["ada@exam", null],
    ["@@x", null],
    ["@ada lovelace", null],
    ["no mention", null],
  ])("%j → %j", (text, expected) => {
    expect(mentionBeingTyped(text, text.length)).toEqual(expected);
  });

  it("looks only before the caret", () => {
    expect(mentionBeingTyped("@Gra and more", 4)).toEqual({ start: 0, prefix: "Gra" });
    expect(mentionBeingTyped("@Gra and more", 9)).toBeNull();
  });
});

describe("choosing a name", () => {
  it("writes the member's handle, case kept, and a space, replacing what was typed", () => {
    expect(insertMention("Thanks @gra", 7, 11, "Grace Hopper")).toEqual({ text: "Thanks @GraceHopper ", caret: 20 });
    expect(insertMention("@gr, right?", 0, 3, "Dr. Who?")).toEqual({ text: "@Dr.Who , right?", caret: 8 });
  });

  it("replaces the rest of the word when the caret is inside it, and does not double a following space", () => {
    expect(insertMention("@grxx said", 0, 3, "Grace Hopper")).toEqual({ text: "@GraceHopper said", caret: 13 });
  });

  it("the inserted handle is the one the server reads back", () => {
    for (const name of ["Grace Hopper", "Dr. Who?", "Ana-María O'Neil", "李 小龙"]) {
      const { text } = insertMention("Hi @", 3, 4, name);
      expect(extractMentions(text)).toEqual([mentionHandle(name)]);
      expect(handleFor(name).toLowerCase()).toBe(mentionHandle(name));
    }
  });
});
