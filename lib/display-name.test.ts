import { describe, expect, it } from "vitest";
import { displayNameKey, displayNameProblem, displayNameSchema, isReservedName } from "./display-name";

describe("displayNameProblem", () => {
  it.each([
    ["a plain name", "Ada Lovelace"],
    ["accents", "José Núñez"],
    ["another script", "Алексей"],
    ["Arabic letters (right-to-left without controls)", "سلام"],
    ["digits and punctuation", "R2-D2 (droid)"],
    ["a name that holds a reserved word", "E2E Admin"],
    ["an @ that is no email address", "at@home"],
    ["exactly 50 characters", "x".repeat(50)],
  ])("accepts %s", (_name, name) => {
    expect(displayNameProblem(name)).toBeUndefined();
  });

  it.each([
    ["empty", "", "Choose a display name."],
    ["too long", "x".repeat(51), "at most 50"],
    ["a control character", "evil\u0007name", "control characters"],
    ["a right-to-left override", "Mod Probe\u202e, rotaredom", "direction"],
    ["a left-to-right mark", "Mod\u200e Probe", "direction"],
    ["a first-strong isolate", "Mod\u2068Probe", "direction"],
    ["a zero-width space", "Mod\u200bProbe", "invisible"],
    ["a zero-width joiner", "Mod\u200dProbe", "invisible"],
    ["a variation selector", "Mod\ufe0fProbe", "invisible"],
    ["a tag character", "Mod\u{e0041}Probe", "invisible"],
    ["a combining grapheme joiner", "Mod\u034fProbe", "invisible"],
    ["a Hangul filler", "\u3164", "invisible"],
    ["an email address", "ada@example.org", "email"],
    ["an email address in a sentence", "mail me: ada@example.org", "email"],
    ["a full-width email address", "ａｄａ＠ｅｘａｍｐｌｅ．ｏｒｇ", "email"],
    ["only punctuation", "!!!", "letter or digit"],
    ["admin", "admin", "reserved"],
    ["Admin in capitals", "ADMIN", "reserved"],
    ["admin with a Cyrillic а", "\u0430dmin", "reserved"],
    ["admin spaced out", "a d m i n", "reserved"],
    ["moderator", "Moderator", "reserved"],
    ["Agora", "Agora", "reserved"],
    ["Agora Team", "Agora-Team", "reserved"],
    ["system", "System", "reserved"],
    ["deleted", "[deleted]", "reserved"],
    ["deleted account", "[deleted account]", "reserved"],
    ["staff", "Staff", "reserved"],
    ["mod with a zero", "M0D", "reserved"],
  ])("refuses %s", (_name, name, message) => {
    expect(displayNameProblem(name)).toContain(message);
  });
});

describe("displayNameKey", () => {
  it.each([
    ["case", "Mod Probe", "mod probe"],
    ["Cyrillic letters", "Mod Probe", "M\u043ed Pr\u043eb\u0435"],
    ["full-width letters", "Mod Probe", "Ｍｏｄ Ｐｒｏｂｅ"],
    ["spaces and punctuation", "Mod Probe", "Mod.Probe"],
    ["no space", "Mod Probe", "ModProbe"],
    ["rn for m", "Mod Probe", "rnod probe"],
    ["a digit zero", "Mod Probe", "M0d Probe"],
  ])("two names that read the same share a key: %s", (_name, a, b) => {
    expect(displayNameKey(a)).toBe(displayNameKey(b));
  });

  it("keeps different names apart", () => {
    expect(displayNameKey("Ada Lovelace")).not.toBe(displayNameKey("Ada Lovelock"));
    expect(displayNameKey("José")).not.toBe(displayNameKey("Jose"));
  });

  it("reserves by key", () => {
    expect(isReservedName("Ａｇｏｒａ")).toBe(true);
    expect(isReservedName("Agoraphile")).toBe(false);
  });
});

describe("displayNameSchema", () => {
  it("trims and makes runs of spaces one", () => {
    expect(displayNameSchema.parse("  Ada \t  Lovelace ")).toBe("Ada Lovelace");
  });
  it("refuses what is not text, with a message", () => {
    const result = displayNameSchema.safeParse(42);
    expect(result.success).toBe(false);
  });
  it("turns a lone surrogate into U+FFFD instead of crashing", () => {
    expect(displayNameSchema.parse("Ada\ud800")).toBe("Ada\ufffd");
  });
});
