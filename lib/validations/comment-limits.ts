// Limits the comment form (a client component) shares with the server's schema. No zod here: importing the
// schema module from the form put all of zod into the thread page's JavaScript.

export const COMMENT_MAX_LENGTH = 10_000;

/** A top-level comment's position on its thread's point (replies take none). */
export const STANCES = ["agrees", "disagrees", "context"] as const;
export type StanceValue = (typeof STANCES)[number];
