// Limits the comment form (a client component) shares with the server's schema. No zod here: importing the
// schema module from the form put all of zod into the thread page's JavaScript.

export const COMMENT_MAX_LENGTH = 10_000;
