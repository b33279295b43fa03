import Link from "next/link";
import { dismissReportsAction } from "@/lib/actions/moderation";
import { ActionForm } from "@/components/action-form";
import { RelativeTime } from "@/components/relative-time";
import { commentHtml } from "@/lib/cooked-body";
import { canOfferSuspension, hasActiveSuspension, isStaffRole, type Viewer } from "@/lib/permissions";
import type { ModerationQueue } from "@/lib/queries/reports";
import { REPORT_REASON_LABELS } from "@/lib/validations/moderation";
import { CommentModeration } from "./comment-moderation";

type QueueComment = ModerationQueue["pending"][number];
type History = ModerationQueue["history"] extends Map<string, infer H> ? H : never;

/** A comment as the queue shows it: where it sits (thread, parent), what it says, and who wrote it. */
export function QueueComment({ comment, history, viewer }: { comment: QueueComment; history?: History; viewer: Viewer }) {
  return (
    <div className="queue-comment">
      <p className="comment-meta">
        In <Link href={`/t/${comment.thread.id}`}>{comment.thread.title}</Link>
        {" · "}
        <Link href={`/t/${comment.thread.id}/c/${comment.id}`}>
          <RelativeTime date={comment.createdAt} />
        </Link>
        {" · status: "}
        <strong>{comment.status}</strong>
      </p>
      {comment.parent && (
        <blockquote className="queue-parent">
          <span className="muted">In reply to {comment.parent.author.name ?? "Anonymous"}:</span>{" "}
          {comment.parent.deletedAt ? "[deleted]" : comment.parent.body.slice(0, 280)}
        </blockquote>
      )}
      <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: commentHtml(comment) }} />
      <AuthorHistory author={comment.author} history={history} />
      <CommentModeration
        comment={{
          id: comment.id,
          threadId: comment.thread.id,
          status: comment.status,
          authorId: comment.author.id,
          mayBeSuspended: canOfferSuspension(viewer, comment.author),
        }}
      />
    </div>
  );
}

function AuthorHistory({ author, history }: { author: QueueComment["author"]; history?: History }) {
  const suspended = hasActiveSuspension(author);
  return (
    <details className="author-history">
      <summary>
        By <Link href={`/u/${author.id}`}>{author.name ?? "Anonymous"}</Link>
        {isStaffRole(author.role) && <span className="badge">{author.role}</span>}
        {suspended && <span className="badge badge-danger">suspended</span>} — {history?.recent.length ?? 0} recent comments, {history?.actions.length ?? 0}{" "}
        prior actions
      </summary>
      {history && history.recent.length > 0 && (
        <ul>
          {history.recent.map((c) => (
            <li key={c.id}>
              <Link href={`/t/${c.thread.id}/c/${c.id}`}>{c.body.slice(0, 120) || "[empty]"}</Link> <span className="muted">({c.status})</span>
            </li>
          ))}
        </ul>
      )}
      {history && history.actions.length > 0 && (
        <ul>
          {history.actions.map((a) => (
            <li key={a.id}>
              {a.action.replaceAll("_", " ")} by {a.moderator ? (a.moderator.name ?? "a moderator") : "Agora (automatic)"} <RelativeTime date={a.createdAt} />
              {a.reason && <> — {a.reason}</>}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

type ReportGroup = ModerationQueue["reportGroups"][number];

/** One reported item with its reasons, counts and notes, and every way to resolve it. */
export function ReportGroupCard({ group, history, viewer }: { group: ReportGroup; history?: History; viewer: Viewer }) {
  return (
    <article className="queue-item" aria-label={group.comment ? "Reported comment" : "Reported thread"}>
      <header className="queue-item-head">
        <strong>
          {group.reports.length} {group.reports.length === 1 ? "report" : "reports"}
        </strong>
        {Object.entries(group.reasonCounts).map(([reason, count]) => (
          <span key={reason} className="badge">
            {REPORT_REASON_LABELS[reason as keyof typeof REPORT_REASON_LABELS]} × {count}
          </span>
        ))}
        <span className="muted">
          latest <RelativeTime date={group.newestAt} />
        </span>
      </header>
      <ul className="report-notes">
        {group.reports.map((report) => (
          <li key={report.id}>
            {report.reporter.name ?? "A member"}: {REPORT_REASON_LABELS[report.reason]}
            {report.note && <> — “{report.note}”</>}
          </li>
        ))}
      </ul>
      {group.comment ? (
        <QueueComment comment={group.comment} history={history} viewer={viewer} />
      ) : (
        <p>
          The whole thread: <Link href={`/t/${group.thread.id}`}>{group.thread.title}</Link>
          {group.thread.locked && <span className="badge">locked</span>}
        </p>
      )}
      <ActionForm
        action={dismissReportsAction}
        hidden={{ threadId: group.thread.id, ...(group.comment ? { commentId: group.comment.id } : {}) }}
        submit="Dismiss reports"
        className="inline-action"
      />
    </article>
  );
}
