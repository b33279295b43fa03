import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

// Which comments a viewer may see, written once: as a Prisma filter for the typed queries and as SQL for the raw
// window query (./comment-windows.ts); lib/queries/comment-visibility.test.ts holds the two to the same answers.

export type Viewer = { id: string; role: Role } | null;

// Moderators review pending comments; an editor (like a member) sees only their own.
const seesAllPending = (viewer: Viewer) => viewer !== null && (viewer.role === "moderator" || viewer.role === "admin");

/**
 * The comments a viewer may see: comments awaiting review only to their author and moderators, except that
 * one with replies (sent back to review by an edit) stays as a placeholder, so its replies keep their place.
 * A deleted comment without replies (isDeletedLeaf) is shown to nobody: it has no place to keep.
 */
export function visibleTo(viewer: Viewer): Prisma.CommentWhereInput {
  // NOT and OR, not AND: callers spread this beside a where of their own that may hold an AND.
  const notDeletedLeaf: Prisma.CommentWhereInput = { NOT: { deletedAt: { not: null }, replyCount: 0 } };
  return seesAllPending(viewer)
    ? notDeletedLeaf
    : { ...notDeletedLeaf, OR: [{ status: { not: "pending" } }, { replyCount: { gt: 0 } }, { authorId: viewer?.id ?? "" }] };
}

/** visibleTo, as SQL for the raw window queries. */
export function visibleToSql(viewer: Viewer): Prisma.Sql {
  const notDeletedLeaf = Prisma.sql`NOT ("deletedAt" IS NOT NULL AND "replyCount" = 0)`;
  return seesAllPending(viewer)
    ? notDeletedLeaf
    : Prisma.sql`${notDeletedLeaf} AND ("status" <> 'pending' OR "replyCount" > 0 OR "authorId" = ${viewer?.id ?? ""})`;
}
