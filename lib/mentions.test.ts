import { describe, expect, it } from "vitest";
import { extractMentions, MAX_MENTIONS_PER_COMMENT, mentionHandle } from "./mentions";

describe("mentionHandle", () => {
  it.each([
    ["Ada Lovelace", "adalovelace"],
    ["  Grace   Hopper ", "gracehopper"],
    ["Dr. Who?", "dr.who"],
    ["Jean-Luc O'Brien", "jean-luco'brien"],
    ["Zoë Ōkubo", "zoëōkubo"],
    ["Ada (she/her)", "adasheher"],
    [null, ""],
  ])("%j answers to @%s", (name, handle) => {
    expect(mentionHandle(name)).toBe(handle);
  });
});

describe("extractMentions", () => {
  it.each([
    ["Thanks @AdaLovelace!", ["adalovelace"]],
    ["@ada, @Grace_H and @ADA again.", ["ada", "grace_h"]],
    ["Ask @Dr.Who.", ["dr.who"]],
    ["(@zoëōkubo) @Jean-Luc's point", ["zoëōkubo", "jean-luc's"]],
    ["mail ada@example.com or @@ada or a.@ada", []],
    ["no mention in `@decorator` code\n\n```\n@Override\n```\nbut @here", ["here"]],
    ["@ alone, @ and @-", []],
  ])("%j mentions %j", (body, handles) => {
    expect(extractMentions(body)).toEqual(handles);
  });

  it(`stops at ${MAX_MENTIONS_PER_COMMENT} different names`, () => {
    const body = Array.from({ length: 30 }, (_, i) => `@user${i}`).join(" ");
    expect(extractMentions(body)).toHaveLength(MAX_MENTIONS_PER_COMMENT);
  });
});
