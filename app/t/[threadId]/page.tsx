import type { Metadata } from "next";
import Link from "next/link";
import { UnmatchedMentionsNotice } from "@/components/unmatched-mentions-notice";
import { parseUnmatchedMentions } from "@/lib/mentions";
import { notFound } from "next/navigation";
import { cache } from "react";
import { appealSlots } from "@/components/appeals/comment-appeal";
import { CorrectionTools } from "@/components/correction-form";
import { CorrectionNotes } from "@/components/correction-notes";
import { ThreadModeration } from "@/components/moderation/thread-moderation";
import { NewComment } from "@/components/new-comment";
import { NewCommentsNotice } from "@/components/new-comments-notice";
import { PointLinks } from "@/components/point-links";
import { PointNav } from "@/components/point-nav";
import { ReportFields } from "@/components/report-form";
import { Disclosure } from "@/components/disclosure";
import { ThreadDiscussion } from "@/components/thread-discussion";
import { DiscussionHeading, ThreadPosts } from "@/components/thread-posts";
import { threadToolHref } from "@/lib/comment-controls";
import { SlowModeBanner } from "@/components/slow-mode-banner";
import { StanceTally } from "@/components/stance-tally";
import { ThreadHeader } from "@/components/thread-header";
import { buildCommentTree } from "@/lib/reply-tree";
import { commentView } from "@/lib/comment-view";
import { getCurrentUser } from "@/lib/current-user";
import { slowModeConfig } from "@/lib/env";
import { livePollSeconds } from "@/lib/live-updates";
import { threadMetadata } from "@/lib/page-metadata";
import { canModerate, canReport, canSeeArticle, canSuggestCorrection, isThreadClosed } from "@/lib/permissions";
import { ArticleStateBanner } from "@/components/article-state-banner";
import { getThreadPage } from "@/lib/queries/thread-page";
import { getOwnCommentAppeals } from "@/lib/queries/appeals";
import { getMyCorrections } from "@/lib/queries/corrections";
import { getThreadContext } from "@/lib/queries/thread-context";
import { COMMENT_SORTS, commentSortSchema, stanceFilterSchema, type CommentSort, type StanceValue } from "@/lib/validations/comment";

const SORT_LABELS: Record<CommentSort, string> = { oldest: "Oldest", newest: "Newest", top: "Top" };

/** A thread URL with the sort and stance filter kept (oldest, the default, and no filter leave the URL clean). */
function threadHref(threadId: string, sort: CommentSort, after?: string, stance?: StanceValue): string {
  const query = new URLSearchParams();
  if (sort !== "oldest") query.set("sort", sort);
  if (stance) query.set("stance", stance);
  if (after) query.set("after", after);
  const search = query.toString();
  return `/t/${threadId}${search ? `?${search}` : ""}`;
}

type Props = {
  params: Promise<{ threadId: string }>;
  searchParams: Promise<{
    after?: string | string[];
    at?: string | string[];
    sort?: string | string[];
    stance?: string | string[];
    unmatched?: string | string[];
  }>;
};

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

const loadPage = cache(async (threadId: string, sort: CommentSort, after?: string, at?: string, stance?: StanceValue) => {
  // Taken before the read: a comment posted meanwhile is announced as new rather than missed.
  const readAt = new Date();
  const [user, context] = await Promise.all([getCurrentUser(), getThreadContext(threadId)]);
  // A draft's threads are the editors' preview; to anyone else they do not exist.
  if (!context || !canSeeArticle(user, context.thread.article)) return null;
  const page = await getThreadPage(threadId, user, { after, at, sort, stance }, context.thread);
  if (!page) return null;
  // The viewer's upvotes and the requests for a source came with the comments (readWindows).
  const [appeals, myCorrections] = await Promise.all([
    getOwnCommentAppeals(user?.id, page.comments),
    user && context.correctionRequesters.has(user.id) ? getMyCorrections(threadId, user.id) : [],
  ]);
  // A permalink (`at`) shows its comment whatever the filter.
  return {
    ...page,
    readAt,
    sort,
    appeals,
    tally: context.tally,
    neighbours: context.neighbours,
    stance: at ? undefined : stance,
    correctionNotes: context.correctionNotes,
    myCorrections,
    pointLinks: context.pointLinks,
  };
});

async function load({ params, searchParams }: Props) {
  const [{ threadId }, query] = await Promise.all([params, searchParams]);
  return loadPage(threadId, commentSortSchema.parse(single(query.sort)), single(query.after), single(query.at), stanceFilterSchema.parse(single(query.stance)));
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const data = await load(props);
  return data ? threadMetadata(data.thread) : { title: "Thread not found" };
}

/** A thread: its point, the comment box and one page of the discussion (`?after=` the next, `?at=` a comment's). */
export default async function ThreadPage(props: Props) {
  const [data, user, { unmatched }] = await Promise.all([load(props), getCurrentUser(), props.searchParams]);
  if (!data) notFound();
  // A closed article is a read-only archive, and a draft's preview takes no comments yet: their threads behave
  // as locked ones (the banner says why).
  const thread = { ...data.thread, locked: isThreadClosed(data.thread, data.thread.article) || data.thread.article.draft };
  // The tree comes back in path (oldest-first) order; the page's top-level comments follow the chosen sort.
  const rank = new Map(data.rootOrder.map((id, index) => [id, index]));
  const tree = buildCommentTree(data.comments, { partial: data.partial }).sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));

  return (
    <main>
      <ArticleStateBanner article={data.thread.article} />
      <ThreadHeader
        thread={data.thread}
        afterSummary={
          <>
            <PointLinks links={data.pointLinks} />
            <CorrectionNotes notes={data.correctionNotes} />
          </>
        }
        tools={
          <>
            {user && canReport(user, {}) && !canModerate(user) && (
              <Disclosure label="Report this thread" href={threadToolHref(thread.id, "report")}>
                <ReportFields threadId={thread.id} />
              </Disclosure>
            )}
            {(canSuggestCorrection(user) || data.myCorrections.length > 0) && (
              <CorrectionTools threadId={thread.id} mine={data.myCorrections} canSuggest={canSuggestCorrection(user)} />
            )}
          </>
        }
      />
      <PointNav slug={thread.article.slug} position={thread.position} previous={data.neighbours.previous} next={data.neighbours.next} />
      <SlowModeBanner thread={thread} minutes={slowModeConfig().slowModeMinutes} />
      <UnmatchedMentionsNotice handles={user ? parseUnmatchedMentions(unmatched) : []} />
      {canModerate(user) && <ThreadModeration thread={thread} />}
      <section aria-labelledby="discussion-heading" className="discussion">
        <ThreadPosts threadId={thread.id} renderedAt={data.readAt.toISOString()} inPlace={!data.stance && data.sort !== "top"}>
          <DiscussionHeading count={thread.commentCount} />
          <StanceTally tally={data.tally} filter={{ active: data.stance, href: (stance) => threadHref(thread.id, data.sort, undefined, stance) }} />
          <NewComment user={user} thread={thread} />
          <NewCommentsNotice threadId={thread.id} since={data.readAt.toISOString()} pollSeconds={livePollSeconds()} />
          {thread.commentCount > 1 && (
            <nav className="sort-nav" aria-label="Sort comments">
              <span>Sort by</span>
              {COMMENT_SORTS.map((sort) => (
                <Link key={sort} href={threadHref(thread.id, sort, undefined, data.stance)} aria-current={sort === data.sort ? "true" : undefined}>
                  {SORT_LABELS[sort]}
                </Link>
              ))}
            </nav>
          )}
          {!data.isFirstPage && (
            <p className="page-nav">
              <Link href={threadHref(thread.id, data.sort, undefined, data.stance)}>↑ Back to the first comments</Link>
            </p>
          )}
          <ThreadDiscussion
            threadId={thread.id}
            comments={tree.map((node) =>
              commentView(node, { thread, user, focusId: data.focusId, maxDepth: data.maxDepth, votedIds: data.votedIds, sourceRequests: data.sourceRequests }),
            )}
            slots={appealSlots(data.comments, user?.id, data.appeals)}
            empty={!data.isFirstPage ? "No more comments." : data.stance ? "No comments take this stance yet." : "No comments yet. Start the discussion."}
          />
          {data.nextCursor && (
            <p className="page-nav">
              <Link href={threadHref(thread.id, data.sort, data.nextCursor, data.stance)} rel="next">
                More comments →
              </Link>
            </p>
          )}
        </ThreadPosts>
      </section>
    </main>
  );
}
