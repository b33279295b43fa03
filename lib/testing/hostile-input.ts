// fast-check arbitraries for what a hostile client can put in a form: any Unicode (lone surrogates included),
// control characters, megabyte values, numbers no schema expects, files where text belongs, repeated fields,
// missing fields, and ids that exist but belong to someone else.
import fc from "fast-check";
import type { FieldValue, Fields } from "./action-harness";

const MEGABYTE = 1024 * 1024;

/** Values of a megabyte and more, built once: posting them is the point, generating them each run is not. */
export const MEGABYTE_VALUES: readonly string[] = [
  "a".repeat(MEGABYTE),
  `${" ".repeat(MEGABYTE)}x`,
  "\u0000".repeat(MEGABYTE),
  "😀".repeat(MEGABYTE / 4),
  "\u202e<script>alert(1)</script>".repeat(MEGABYTE / 24),
  `/${"a".repeat(MEGABYTE)}`,
];

const SPECIAL_TEXT = [
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  "\u007f",
  "\ud800",
  "a\udc00b",
  "\ufeff",
  "\u200b",
  "\u202e",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-Infinity",
  "-1",
  "0",
  "1e309",
  "9".repeat(400),
  String(Number.MAX_SAFE_INTEGER + 2),
  "0x7fffffff",
  "true",
  "false",
  "[]",
  "{}",
  '{"$ne":null}',
  "__proto__",
  "constructor",
  "' OR '1'='1' --",
  '\'; DROP TABLE "Comment"; --',
  "../../etc/passwd",
  "%00",
  "2000-01-01T00:00:00.000Z",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "//evil.example",
  "/\\evil.example",
];

/** Text of every kind, short enough to generate quickly; megabyte values come from MEGABYTE_VALUES. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom("\ud800", "\udfff", "a", " ", "\u0301"), maxLength: 20 }), weight: 1 },
  { arbitrary: fc.constantFrom(...SPECIAL_TEXT), weight: 4 },
  { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String), weight: 2 },
  { arbitrary: fc.constantFrom(...MEGABYTE_VALUES), weight: 1 },
);

/** A file where the form expects text: what a multipart body can carry in any field. */
export const fileValue: fc.Arbitrary<Blob> = fc.oneof(
  fc.constant(new File(["hello"], "note.txt", { type: "text/plain" })),
  fc.constant(new File([], "", { type: "application/octet-stream" })),
  fc.constant(new Blob(["a".repeat(2048)])),
);

/**
 * One field of a form: absent, or text (`plausible` mixes in values the action does accept, so runs get past
 * validation to the database), or a file, or the field repeated.
 */
export function hostileField(plausible: fc.Arbitrary<string> = hostileText): fc.Arbitrary<FieldValue | FieldValue[] | undefined> {
  const one: fc.Arbitrary<FieldValue> = fc.oneof(
    { arbitrary: plausible, weight: 5 },
    { arbitrary: hostileText, weight: 3 },
    { arbitrary: fileValue, weight: 1 },
  );
  return fc.oneof(
    { arbitrary: one, weight: 8 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }), weight: 1 },
  );
}

/** Field names no form has, including ones that are special to JavaScript objects. */
const extraName = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "id", "authorId", "role", "status", "$ACTION_ID_x", "0"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
);

/**
 * A form with the given fields plus a few the action never asked for: a third of the time every field is
 * plausible (so runs reach the database), otherwise each may be missing, mangled, a file or repeated.
 */
export function hostileForm(fields: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<Fields> {
  const plausible = fc.record(fields);
  const mangled = fc.record(Object.fromEntries(Object.entries(fields).map(([name, arbitrary]) => [name, hostileField(arbitrary)])));
  const known = fc.oneof({ arbitrary: plausible, weight: 1 }, { arbitrary: mangled as fc.Arbitrary<Fields>, weight: 2 });
  const extra = fc.dictionary(extraName, hostileField(), { maxKeys: 3 });
  return fc.tuple(known, extra).map(([form, more]) => {
    // defineProperty, so a field named __proto__ is sent as a field rather than swallowed as a prototype.
    const out: Fields = {};
    for (const [name, value] of [...Object.entries(more), ...Object.entries(form)]) {
      Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  });
}

/** An id: mostly one of `likely` (the kind the field names), else any of the world's, a made-up one, or junk. */
export function idOf(likely: string[], all: string[] = likely): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...likely), weight: 8 },
    { arbitrary: fc.constantFrom(...all), weight: 2 },
    { arbitrary: fc.constantFrom("nosuchid", "cm0000000000000000000000", "a".repeat(64), "A".repeat(65)), weight: 1 },
    { arbitrary: fc.constantFrom(...all).map((id) => ` ${id} `), weight: 1 },
    { arbitrary: fc.constantFrom(...all).map((id) => id.toUpperCase()), weight: 1 },
  );
}
