import { z } from "zod";
import { hasBidiControl, hasDefaultIgnorable, skeleton } from "@/lib/text/fold";
import { wellFormedText } from "@/lib/validations/text";

// One home for the display-name rules: sign-up and /settings/name both parse with displayNameSchema, and the
// database holds the rest (User.nameKey is unique). A name identifies its member: no two read the same.

export const DISPLAY_NAME_MAX_LENGTH = 50;

/** The rules in a sentence, shown beside the field on sign-up and /settings/name. */
export const DISPLAY_NAME_RULES = `Up to ${DISPLAY_NAME_MAX_LENGTH} characters; it must not read the same as another member's name, look like an email address or pass for Agora's staff.`;

// Names that would pass for Agora itself, its staff or a placeholder it shows; compared by key, so "ADMIN",
// "Аdmin" (Cyrillic А) and "ad min" are refused too.
const RESERVED = [
  "admin",
  "administrator",
  "administrators",
  "moderator",
  "moderators",
  "mod",
  "mods",
  "agora",
  "agora team",
  "agora staff",
  "agora admin",
  "agora moderator",
  "system",
  "deleted",
  "deleted account",
  "deleted user",
  "staff",
  "support",
  "root",
  "official",
  "anonymous",
  "everyone",
  "here",
  "nobody",
  "owner",
  "security",
  "team",
  "null",
  "undefined",
  "unknown",
];

/**
 * The key two display names share when a reader cannot tell them apart: their UTS #39 skeletons
 * (lib/text/fold.ts) with spaces and punctuation left out, so case, invisible characters, look-alike letters
 * and "Mod Probe" against "ModProbe" or "Mod.Probe" all collide. Also what an @mention is compared by.
 */
export function displayNameKey(name: string): string {
  return skeleton(name).replace(/[^\p{L}\p{M}\p{N}]+/gu, "");
}

const RESERVED_KEYS = new Set(RESERVED.map(displayNameKey));

export function isReservedName(name: string): boolean {
  return RESERVED_KEYS.has(displayNameKey(name));
}

// Something@something.something, in any script's look-alikes ("＠" folds to "@").
const EMAIL_LIKE = /[^\s@]@[^\s@]+\.[^\s@]/u;

/** Why a display name is refused, or undefined when it is acceptable (uniqueness is the database's part). */
export function displayNameProblem(name: string): string | undefined {
  if (name === "") return "Choose a display name.";
  if ([...name].length > DISPLAY_NAME_MAX_LENGTH) return `Display names are at most ${DISPLAY_NAME_MAX_LENGTH} characters.`;
  if (/[\p{Cc}]/u.test(name)) return "Display names cannot contain control characters.";
  if (hasBidiControl(name)) return "Display names cannot contain characters that change the text's direction.";
  if (hasDefaultIgnorable(name)) return "Display names cannot contain invisible characters (zero-width spaces, joiners, variation selectors…).";
  if (EMAIL_LIKE.test(name.normalize("NFKC"))) return "Display names cannot look like an email address.";
  if (displayNameKey(name) === "") return "Display names need at least one letter or digit.";
  if (isReservedName(name)) return "That name is reserved. Choose another.";
  return undefined;
}

/** A display name from a form: trimmed, runs of spaces made one, then checked by displayNameProblem. */
export const displayNameSchema = z.preprocess(
  wellFormedText,
  z
    .string({ error: "Choose a display name." })
    .transform((value) => value.normalize("NFC").replace(/\s+/gu, " ").trim())
    .superRefine((value, context) => {
      const problem = displayNameProblem(value);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
);

export class NameTakenError extends Error {
  constructor() {
    super("That display name is taken, or reads the same as one that is. Choose another.");
  }
}
