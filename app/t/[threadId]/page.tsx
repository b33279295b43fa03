import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CommentTree } from "@/components/comment-tree";
import { ThreadModeration } from "@/components/moderation/thread-moderation";
import { NewComment } from "@/components/new-comment";
import { ReportForm } from "@/components/report-form";
import { ThreadHeader } from "@/components/thread-header";
import { buildCommentTree } from "@/lib/comment-tree";
import { getCurrentUser } from "@/lib/current-user";
import { threadMetadata } from "@/lib/page-metadata";
import { canModerate, canReport } from "@/lib/permissions";
import { getThreadWithComments } from "@/lib/queries/comments";

type Props = { params: Promise<{ threadId: string }> };

const loadThread = cache(async (threadId: string) => getThreadWithComments(threadId, await getCurrentUser()));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadThread((await params).threadId);
  return data ? threadMetadata(data.thread) : { title: "Thread not found" };
}

export default async function ThreadPage({ params }: Props) {
  const { threadId } = await params;
  const [data, user] = await Promise.all([loadThread(threadId), getCurrentUser()]);
  if (!data) notFound();
  const { thread, comments } = data;
  const tree = buildCommentTree(comments);

  return (
    <main>
      <ThreadHeader thread={thread} />
      {canModerate(user) ? (
        <ThreadModeration thread={thread} />
      ) : (
        user &&
        canReport(user, {}) && (
          <div className="thread-tools">
            <ReportForm threadId={thread.id} label="Report this thread" />
          </div>
        )
      )}
      <section aria-labelledby="discussion-heading" className="discussion">
        <h2 id="discussion-heading">
          {thread.commentCount} {thread.commentCount === 1 ? "comment" : "comments"}
        </h2>
        <NewComment user={user} thread={thread} />
        {tree.length === 0 ? (
          <p className="empty">No comments yet. Start the discussion.</p>
        ) : (
          <CommentTree nodes={tree} context={{ thread, user }} />
        )}
      </section>
    </main>
  );
}
