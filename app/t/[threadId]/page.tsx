import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CommentTree } from "@/components/comment-tree";
import { ThreadModeration } from "@/components/moderation/thread-moderation";
import { NewComment } from "@/components/new-comment";
import { NewCommentsNotice } from "@/components/new-comments-notice";
import { ReportForm } from "@/components/report-form";
import { ThreadHeader } from "@/components/thread-header";
import { buildCommentTree } from "@/lib/comment-tree";
import { getCurrentUser } from "@/lib/current-user";
import { livePollSeconds } from "@/lib/live-updates";
import { threadMetadata } from "@/lib/page-metadata";
import { canModerate, canReport } from "@/lib/permissions";
import { getThreadPage } from "@/lib/queries/comments";

type Props = {
  params: Promise<{ threadId: string }>;
  searchParams: Promise<{ after?: string | string[]; at?: string | string[] }>;
};

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

const loadPage = cache(async (threadId: string, after?: string, at?: string) => {
  // Taken before the read: a comment posted meanwhile is announced as new rather than missed.
  const readAt = new Date();
  const page = await getThreadPage(threadId, await getCurrentUser(), { after, at });
  return page && { ...page, readAt };
});

async function load({ params, searchParams }: Props) {
  const [{ threadId }, query] = await Promise.all([params, searchParams]);
  return loadPage(threadId, single(query.after), single(query.at));
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const data = await load(props);
  return data ? threadMetadata(data.thread) : { title: "Thread not found" };
}

/** A thread: its point, the comment box and one page of the discussion (`?after=` the next, `?at=` a comment's). */
export default async function ThreadPage(props: Props) {
  const [data, user] = await Promise.all([load(props), getCurrentUser()]);
  if (!data) notFound();
  const { thread } = data;
  const tree = buildCommentTree(data.comments, { partial: data.partial });

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
          {thread.commentCount.toLocaleString("en-US")} {thread.commentCount === 1 ? "comment" : "comments"}
        </h2>
        <NewComment user={user} thread={thread} />
        <NewCommentsNotice threadId={thread.id} since={data.readAt.toISOString()} pollSeconds={livePollSeconds()} />
        {!data.isFirstPage && (
          <p className="page-nav">
            <Link href={`/t/${thread.id}`}>↑ Back to the first comments</Link>
          </p>
        )}
        {tree.length === 0 ? (
          <p className="empty">{data.isFirstPage ? "No comments yet. Start the discussion." : "No more comments."}</p>
        ) : (
          <CommentTree nodes={tree} context={{ thread, user, focusId: data.focusId, maxDepth: data.maxDepth }} />
        )}
        {data.nextCursor && (
          <p className="page-nav">
            <Link href={`/t/${thread.id}?after=${data.nextCursor}`} rel="next">
              More comments →
            </Link>
          </p>
        )}
      </section>
    </main>
  );
}
