// What free text may hold before it is stored. A browser's form can only send well-formed UTF-8, but an action is
// a public endpoint: a hand-made request (or a direct call) can carry a lone surrogate, which Prisma's query
// engine cannot serialize, or a NUL, which PostgreSQL refuses to store. Either would end in a 500.

// C0 control characters other than tab, line feed and carriage return, and DEL: invisible, never typed.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const LONE_SURROGATE = /\p{Surrogate}/gu;

/** For z.preprocess: any lone surrogate made U+FFFD, as decoding the same bytes from a request would. */
export function wellFormedText(value: unknown): unknown {
  return typeof value === "string" ? value.replace(LONE_SURROGATE, "\ufffd") : value;
}

/**
 * For z.preprocess: text as a reader could see it, with control characters dropped and any lone surrogate made
 * U+FFFD (what decoding the same bytes from a request does). Non-text values pass through for the schema to refuse.
 */
export function storableText(value: unknown): unknown {
  const text = wellFormedText(value);
  return typeof text === "string" ? text.replace(CONTROL_CHARACTERS, "") : text;
}
