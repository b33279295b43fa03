import type { NextRequest } from "next/server";
import { voteAction } from "@/lib/actions/comments";
import { answerInlinePost } from "@/lib/inline-post";

/** Upvote a comment, or take the upvote back (the thread page's vote form posts here). */
export async function POST(request: NextRequest, { params }: { params: Promise<{ threadId: string; commentId: string }> }) {
  return answerInlinePost(request, await params, voteAction);
}
