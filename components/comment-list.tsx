"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { COMMENT_CONTROL_LABELS, commentControlHref, commentPanelId } from "@/lib/comment-controls";
import type { CommentView } from "@/lib/comment-view";
import { STANCE_LABELS } from "@/lib/stance-labels";
import { StaffBadge } from "./staff-badge";
import { formatExactTime, formatRelativeTime } from "@/lib/time";
import "./comment-list.css";
import styles from "./comment-list.module.css";

// A page of comments, from the plain per-comment views the server decided (lib/comment-view.ts). Rendered to HTML
// on the server like any page; in the browser it only adds the inline forms (components/thread-discussion.tsx).
// Every control is a link to its own page and the one-click forms post to their own URLs, so without JavaScript
// everything still works.

export type TreeUi = {
  threadId: string;
  /** False in the server's HTML and while hydrating: the controls stay plain links until JavaScript runs. */
  hydrated: boolean;
  /** The control whose form is open inline, if any. */
  open: { commentId: string; control: string } | null;
  /** What opens under a comment: its inline form or a message. */
  panel: (commentId: string) => ReactNode;
  /** Server-rendered pieces for a few comments (the author's appeal of a moderator's decision). */
  slots?: Readonly<Record<string, ReactNode>>;
};

const replies = (count: number) => `${count} more ${count === 1 ? "reply" : "replies"}`;
const upvotes = (score: number) => `${score} ${score === 1 ? "upvote" : "upvotes"}`;
const members = (count: number) => `${count} ${count === 1 ? "member" : "members"}`;

export function CommentList({ views, ui, level = 0 }: { views: readonly CommentView[]; ui: TreeUi; level?: number }) {
  return (
    <ol className={level === 0 ? "comment-list root" : "comment-list"}>
      {views.map((view) => (
        <li key={view.id}>
          <CommentItem view={view} ui={ui} level={level} />
        </li>
      ))}
    </ol>
  );
}

function Vote({ threadId, view }: { threadId: string; view: CommentView }) {
  const vote = view.vote!;
  if (!vote.can) {
    return (
      <span className="vote-count">
        <span aria-hidden="true">▲ </span>
        {upvotes(vote.score)}
      </span>
    );
  }
  return (
    <form method="post" action={`/t/${threadId}/c/${view.id}/vote`} className="vote-form inline-post">
      <button
        type="submit"
        className={vote.voted ? "vote-button voted" : "vote-button"}
        aria-pressed={vote.voted ?? false}
        aria-label={`Upvote (${upvotes(vote.score)})`}
      >
        <span aria-hidden="true">▲ </span>
        {vote.voted ? "Upvoted" : "Upvote"} <span className="vote-score">{vote.score}</span>
      </button>
    </form>
  );
}

function SourceRequest({ threadId, view }: { threadId: string; view: CommentView }) {
  const request = view.sourceRequest!;
  const status =
    request.count === 0 ? null : request.answered ? (
      <span className={`${styles.requestAnswered} source-request-answered`}>✓ Source added</span>
    ) : (
      <span className={`${styles.requestCount} source-request-count`}>{members(request.count)} asked for a source</span>
    );
  if (!request.can && !request.requested) return status && <span className={`${styles.sourceRequest} source-request`}>{status}</span>;
  return (
    <form method="post" action={`/t/${threadId}/c/${view.id}/source-request`} className={`${styles.sourceRequest} source-request inline-post`}>
      {status}
      <button type="submit" name="intent" value={request.requested ? "withdraw" : "request"} className="comment-control">
        {request.requested ? "You asked · Take back" : "Needs a source"}
      </button>
    </form>
  );
}

function CommentItem({ view, ui, level }: { view: CommentView; ui: TreeUi; level: number }) {
  const { threadId } = ui;
  const classes = ["comment", `status-${view.status}`, view.topLevel ? "top-level" : "", view.focused ? "focused" : ""].filter(Boolean).join(" ");
  const hasReplies = (view.replies?.length ?? 0) > 0;
  const panelOpen = ui.open?.commentId === view.id;

  return (
    <article
      id={`c-${view.id}`}
      className={classes}
      // The comment a permalink or a post leads to takes the focus there (components/thread-discussion.tsx).
      tabIndex={view.focused ? -1 : undefined}
      aria-label={view.author ? `Comment by ${view.author.name}${view.author.staff ? ` (${view.author.staff.toLowerCase()})` : ""}` : "Comment"}
    >
      <header className="comment-meta">
        {view.author ? (
          <>
            <Link className="author" href={`/u/${view.author.id}`} prefetch={false}>
              {view.author.name}
            </Link>
            {view.author.staff && <StaffBadge title={view.author.staff} />}
          </>
        ) : (
          <span className="author muted">{view.placeholder}</span>
        )}
        <a className="permalink" href={`/t/${threadId}/c/${view.id}`} title="Permalink to this comment">
          {/* The relative words are the server's; a reader whose clock crossed a boundary meanwhile keeps them. */}
          <time dateTime={view.createdAt.toISOString()} title={formatExactTime(view.createdAt)} suppressHydrationWarning>
            {formatRelativeTime(view.createdAt)}
          </time>
        </a>
        {view.edited && <span className="edited">edited</span>}
        {view.pending && <span className="badge badge-pending">awaiting review</span>}
        {view.stance && (
          <span className={`badge ${styles.stanceBadge} ${styles[view.stance]} stance-badge`}>
            <span className="visually-hidden">Stance: </span>
            {STANCE_LABELS[view.stance]}
          </span>
        )}
      </header>
      {view.notice && <p className="moderation-notice">{view.notice}</p>}
      {ui.slots?.[view.id]}
      {view.html !== undefined ? (
        <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: view.html }} />
      ) : (
        view.tombstone && <p className="comment-body tombstone">{view.tombstone}</p>
      )}
      {view.sources && (
        <aside
          className={`${styles.sourceCards} source-cards`}
          aria-label={view.sources.length + (view.moreSources ?? 0) === 1 ? "1 source" : `${view.sources.length + (view.moreSources ?? 0)} sources`}
        >
          <ul>
            {view.sources.map((source) => (
              <li key={source.url} className={styles.sourceCard}>
                <a href={source.url} rel="nofollow ugc noopener noreferrer" title={source.url}>
                  <span className={styles.sourceDomain}>{source.domain}</span>
                  <span className={styles.sourceTitle}>{source.title}</span>
                </a>
              </li>
            ))}
          </ul>
          {view.moreSources && <p className={styles.sourceMore}>+{view.moreSources} more</p>}
        </aside>
      )}
      {view.callout !== undefined && (
        <p className={styles.requestCallout} role="note">
          <strong>{members(view.callout)} asked you for a source.</strong> Edit your comment to add a link to where this comes from.
        </p>
      )}
      <div className="comment-footer">
        {view.vote && <Vote threadId={threadId} view={view} />}
        {view.sourceRequest && <SourceRequest threadId={threadId} view={view} />}
        {view.controls?.map((control) => (
          <a
            key={control}
            className={control === "delete" ? "comment-control danger" : "comment-control"}
            href={commentControlHref(threadId, view.id, control)}
            data-extra={
              control === "reply"
                ? (view.author?.name ?? "Anonymous")
                : control === "moderate"
                  ? view.status
                  : control === "suspend"
                    ? view.author?.id
                    : undefined
            }
            role={ui.hydrated ? "button" : undefined}
            aria-expanded={ui.hydrated && control !== "delete" ? panelOpen && ui.open?.control === control : undefined}
            aria-controls={ui.hydrated && panelOpen && control !== "delete" ? commentPanelId(view.id) : undefined}
          >
            {COMMENT_CONTROL_LABELS[control]}
          </a>
        ))}
      </div>
      {ui.panel(view.id)}
      {view.continueCount !== undefined ? (
        <Link className="continue-thread" href={`/t/${threadId}/c/${view.id}`} prefetch={false}>
          Continue this thread ({replies(view.continueCount)}) →
        </Link>
      ) : (
        (hasReplies || view.moreReplies !== undefined) && (
          <details className="replies" open>
            <summary>
              <span className="replies-open">Collapse replies</span>
              <span className="replies-closed">Show replies ({view.replyCount})</span>
            </summary>
            {hasReplies && <CommentList views={view.replies!} ui={ui} level={level + 1} />}
            {view.moreReplies !== undefined && view.moreHref && (
              <Link className="more-replies" href={view.moreHref} prefetch={false}>
                {view.moreReplies === null ? "More replies" : replies(view.moreReplies)} →
              </Link>
            )}
          </details>
        )
      )}
    </article>
  );
}
