import type { NextRequest } from "next/server";
import { sourceRequestAction } from "@/lib/actions/evidence";
import { answerInlinePost } from "@/lib/inline-post";

/** "Needs a source", or taking one's request back (the thread page's form posts here). */
export async function POST(request: NextRequest, { params }: { params: Promise<{ threadId: string; commentId: string }> }) {
  return answerInlinePost(request, await params, sourceRequestAction);
}
