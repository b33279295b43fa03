import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import { readableDetail } from "@/lib/moderation-labels";
import type { MemberCard as Card } from "@/lib/queries/member-card";
import "./member-card.css";

/** "3 hidden", "1 action", "2 actions": the number, then the words (`many` when they change in the plural). */
const count = (n: number, one: string, many: string = one) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** A moderator's view of a member, on the member's page (lib/queries/member-card.ts): moderators only. */
export function MemberCard({ userId, card }: { userId: string; card: Card }) {
  const { comments, reports, actions } = card;
  return (
    <section aria-labelledby="member-card" className="member-card">
      <h2 id="member-card">For moderators</h2>
      <dl>
        <dt>Comments</dt>
        <dd>
          {count(comments.visible, "shown")} · {count(comments.pending, "awaiting review")} · {count(comments.hidden, "hidden")} ·{" "}
          {count(comments.removed, "removed")} · {count(comments.deleted, "deleted by them")}
        </dd>
        <dt>Reports filed</dt>
        <dd>
          {count(reports.actedOn, "acted on")} · {count(reports.dismissed, "dismissed")} · {count(reports.open, "open")}
        </dd>
        <dt>Moderation of this member</dt>
        <dd>
          {actions.total === 0 ? (
            "None"
          ) : (
            <>
              {count(actions.total, "action", "actions")} · <Link href={`/mod/log?user=${userId}`}>all in the log</Link>
            </>
          )}
        </dd>
      </dl>
      {actions.recent.length > 0 && (
        <ol className="member-card-actions" aria-label="Latest moderation of this member">
          {actions.recent.map((entry) => (
            <li key={entry.id}>
              <strong>{entry.action.replaceAll("_", " ")}</strong>
              {entry.detail && <> ({readableDetail(entry.detail)})</>} by {entry.moderator ?? "Agora (automatic)"}, <RelativeTime date={entry.createdAt} />
              {entry.reason && <span className="muted"> — {entry.reason}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
