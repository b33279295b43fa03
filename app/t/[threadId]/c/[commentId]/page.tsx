import type { Metadata } from "next";
import Link from "next/link";
import { UnmatchedMentionsNotice } from "@/components/unmatched-mentions-notice";
import { parseUnmatchedMentions } from "@/lib/mentions";
import { notFound } from "next/navigation";
import { cache } from "react";
import { appealSlots } from "@/components/appeals/comment-appeal";
import { ThreadDiscussion } from "@/components/thread-discussion";
import { ThreadHeader } from "@/components/thread-header";
import { buildCommentPageTree } from "@/lib/reply-tree";
import { commentView } from "@/lib/comment-view";
import { getCurrentUser } from "@/lib/current-user";
import { cursorBefore } from "@/lib/materialized-path";
import { getCommentPage } from "@/lib/queries/thread-page";
import { getOwnCommentAppeals } from "@/lib/queries/appeals";

type Props = {
  params: Promise<{ threadId: string; commentId: string }>;
  searchParams: Promise<{ after?: string | string[]; refused?: string | string[]; unmatched?: string | string[] }>;
};

const loadPage = cache(async (threadId: string, commentId: string, after?: string) => {
  const user = await getCurrentUser();
  const page = await getCommentPage(threadId, commentId, user, { after });
  if (!page) return null;
  // The viewer's upvotes and the requests for a source came with the comments (readWindows).
  return { ...page, appeals: await getOwnCommentAppeals(user?.id, page.comments) };
});

async function load({ params, searchParams }: Props) {
  const [{ threadId, commentId }, { after }] = await Promise.all([params, searchParams]);
  return loadPage(threadId, commentId, typeof after === "string" ? after : undefined);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const data = await load(props);
  return { title: data ? `Comment in “${data.thread.title}”` : "Comment not found" };
}

/** A comment's own page: its permalink, and where deep chains and long reply lists continue (`?after=`). */
export default async function CommentPage(props: Props) {
  const [data, user, { refused, unmatched }] = await Promise.all([load(props), getCurrentUser(), props.searchParams]);
  if (!data) notFound();
  const { thread, anchor, ancestorIds } = data;
  const node = buildCommentPageTree(data);
  if (!node) notFound();
  const rootId = ancestorIds[0] ?? anchor.id;
  const parentId = ancestorIds.at(-1);

  return (
    <main>
      <ThreadHeader thread={thread} />
      <section className="discussion" aria-label="Comment and its replies">
        {refused !== undefined && (
          <p className="banner" role="alert">
            That did not go through: you may not do that on this comment now (signed out, suspended, or it changed meanwhile).
          </p>
        )}
        <UnmatchedMentionsNotice handles={user ? parseUnmatchedMentions(unmatched) : []} />
        <p className="subtree-nav">
          <Link href={`/t/${thread.id}?at=${rootId}#c-${rootId}`}>← Back to the full discussion</Link>
          {parentId && (
            <>
              {" · "}
              <Link href={`/t/${thread.id}/c/${parentId}?after=${cursorBefore(anchor.path)}#c-${anchor.id}`}>Show parent comment</Link>
            </>
          )}
          {anchor.depth > 0 && (
            <span className="muted">
              {" "}
              ({anchor.depth} {anchor.depth === 1 ? "comment" : "comments"} above this one)
            </span>
          )}
        </p>
        {!data.isFirstPage && (
          <p className="page-nav">
            <Link href={`/t/${thread.id}/c/${anchor.id}`}>↑ Back to the first replies</Link>
          </p>
        )}
        <ThreadDiscussion
          threadId={thread.id}
          comments={[
            commentView(node, { thread, user, focusId: anchor.id, maxDepth: data.maxDepth, votedIds: data.votedIds, sourceRequests: data.sourceRequests }),
          ]}
          slots={appealSlots(data.comments, user?.id, data.appeals)}
        />
      </section>
    </main>
  );
}
