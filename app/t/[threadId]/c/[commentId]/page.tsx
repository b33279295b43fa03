import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CommentTree } from "@/components/comment-tree";
import { ThreadHeader } from "@/components/thread-header";
import { ancestorsOf, buildCommentTree, findSubtree } from "@/lib/comment-tree";
import { getCurrentUser } from "@/lib/current-user";
import { getThreadWithComments } from "@/lib/queries/comments";

type Props = { params: Promise<{ threadId: string; commentId: string }> };

const loadThread = cache(async (threadId: string) => getThreadWithComments(threadId, await getCurrentUser()));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadThread((await params).threadId);
  return { title: data ? `Comment in “${data.thread.title}”` : "Comment not found" };
}

/** A comment's own page: its permalink, and where a deep chain continues. */
export default async function CommentPage({ params }: Props) {
  const { threadId, commentId } = await params;
  const [data, user] = await Promise.all([loadThread(threadId), getCurrentUser()]);
  if (!data) notFound();
  const subtree = findSubtree(buildCommentTree(data.comments), commentId);
  if (!subtree) notFound();
  const ancestors = ancestorsOf(data.comments, commentId);
  const parent = ancestors.at(-1);

  return (
    <main>
      <ThreadHeader thread={data.thread} />
      <section className="discussion" aria-label="Comment and its replies">
        <p className="subtree-nav">
          <Link href={`/t/${threadId}#c-${ancestors[0]?.id ?? commentId}`}>← Back to the full discussion</Link>
          {parent && (
            <>
              {" · "}
              <Link href={`/t/${threadId}/c/${parent.id}#c-${commentId}`}>Show parent comment</Link>
            </>
          )}
          {ancestors.length > 0 && (
            <span className="muted">
              {" "}
              ({ancestors.length} {ancestors.length === 1 ? "comment" : "comments"} above this one)
            </span>
          )}
        </p>
        <CommentTree nodes={[subtree]} context={{ thread: data.thread, user, focusId: commentId }} />
      </section>
    </main>
  );
}
