import { db, type Db, type Tx } from "@/lib/db";
import { extractMentions, mentionKey } from "@/lib/mentions";

/** The members some bodies @mention, by mention key (key → user id); a name that matches nobody is left out. */
export async function resolveMentions(bodies: readonly string[], client: Db | Tx = db): Promise<Map<string, string>> {
  const keys = [...new Set(bodies.flatMap((body) => extractMentions(body).map(mentionKey)))];
  if (keys.length === 0) return new Map();
  const members = await client.user.findMany({ where: { nameKey: { in: keys } }, select: { id: true, nameKey: true } });
  return new Map(members.map((member) => [member.nameKey!, member.id]));
}

/** The handles a body mentions that name no member, as written (lower case), for the poster's notice. */
export async function unmatchedMentions(body: string): Promise<string[]> {
  const found = await resolveMentions([body]);
  return extractMentions(body).filter((handle) => !found.has(mentionKey(handle)));
}

/** How many names the mention autocomplete offers at once. */
export const MENTION_SUGGESTIONS = 8;

/** A member to offer; `participant` when they have commented in the thread. */
export type MentionSuggestion = { id: string; name: string; participant: boolean };

/**
 * The members whose names start with what follows an "@" (compared by key, as mentions are: case, spacing and
 * look-alike letters do not matter), for the comment form's autocomplete: the thread's participants first (those
 * with a published comment there, most recent first), then everyone else by name. Deleted accounts and the asker
 * are left out. Three statements whatever the forum's or the thread's size.
 */
export async function mentionSuggestions(input: { prefix: string; threadId?: string; viewerId: string }): Promise<MentionSuggestion[]> {
  const key = mentionKey(input.prefix);
  if (key === "") return [];
  const named = { nameKey: { startsWith: key }, deletedAt: null, id: { not: input.viewerId } } as const;
  const recent = input.threadId
    ? await db.comment.groupBy({
        by: ["authorId"],
        where: { threadId: input.threadId, status: "visible", deletedAt: null, author: named },
        _max: { createdAt: true },
        orderBy: { _max: { createdAt: "desc" } },
        take: MENTION_SUGGESTIONS,
      })
    : [];
  const ids = recent.map((row) => row.authorId);
  const [participants, others] = await Promise.all([
    ids.length > 0 ? db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [],
    ids.length < MENTION_SUGGESTIONS
      ? db.user.findMany({
          where: { ...named, id: { notIn: [input.viewerId, ...ids] } },
          orderBy: { nameKey: "asc" },
          take: MENTION_SUGGESTIONS - ids.length,
          select: { id: true, name: true },
        })
      : [],
  ]);
  const inOrder = ids.flatMap((id) => participants.filter((user) => user.id === id)).map((user) => ({ ...user, participant: true }));
  return [...inOrder, ...others.map((user) => ({ ...user, participant: false }))].flatMap((user) => (user.name ? [{ ...user, name: user.name }] : []));
}
