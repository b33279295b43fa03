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
