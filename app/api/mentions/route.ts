import { z } from "zod";
import { getCurrentUser } from "@/lib/current-user";
import { handleFor, MENTION_PREFIX_MAX } from "@/lib/mention-typing";
import { mentionSuggestions } from "@/lib/queries/mentions";

export const dynamic = "force-dynamic";

const query = z.object({
  q: z.string({ error: "q, the start of a name, is required" }).max(MENTION_PREFIX_MAX, `q is at most ${MENTION_PREFIX_MAX} characters`),
  thread: z.string().max(64, "thread is a thread's id").optional(),
});

const refuse = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });

// The comment form's @mention autocomplete (components/mention-autocomplete.tsx): names starting with `q`, the
// thread's participants first. Members only: it is a writing aid, and anyone signed out has nothing to write.
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return refuse(401, "unauthenticated", "Sign in to mention members.");
  const params = new URL(request.url).searchParams;
  const parsed = query.safeParse({ q: params.get("q") ?? undefined, thread: params.get("thread") ?? undefined });
  if (!parsed.success) return refuse(422, "invalid", parsed.error.issues[0]!.message);
  const members = await mentionSuggestions({ prefix: parsed.data.q, threadId: parsed.data.thread, viewerId: user.id });
  return Response.json(
    { members: members.map((member) => ({ ...member, handle: handleFor(member.name) })) },
    { headers: { "cache-control": "private, no-store" } },
  );
}
