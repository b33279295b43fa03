import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { QueueComment, ReportGroupCard } from "@/components/moderation/queue-item";
import { getCurrentUser } from "@/lib/current-user";
import { canModerate } from "@/lib/permissions";
import { getModerationQueue } from "@/lib/queries/reports";
import { countWaiting } from "@/lib/queries/waiting";
import Link from "next/link";
import { ModNav } from "@/components/moderation/mod-nav";
import "./moderation-queue.css";

export const metadata: Metadata = { title: "Moderation queue" };

export default async function ModerationQueuePage() {
  const user = await getCurrentUser();
  // Not found rather than forbidden: members need not learn where the moderators work.
  if (!canModerate(user)) notFound();
  const [{ pending, reportGroups, history }, waiting] = await Promise.all([getModerationQueue(), countWaiting(user)]);

  return (
    <main>
      <ModNav current="/mod" />
      <h1>Moderation queue</h1>
      {/* The parts of the header's count: what waits for this moderator, and where. */}
      <ul className="waiting-summary" aria-label="Waiting for you">
        <li>
          <a href="#reports-heading">{plural(reportGroups.length, "reported item", "reported items")}</a>
        </li>
        <li>
          <a href="#pending-heading">{plural(pending.length, "comment awaiting approval", "comments awaiting approval")}</a>
        </li>
        <li>
          <Link href="/mod/appeals">{plural(waiting.appeals, "appeal you may decide", "appeals you may decide")}</Link>
        </li>
        <li>
          <Link href="/mod/corrections">{plural(waiting.corrections, "correction request", "correction requests")}</Link>
        </li>
      </ul>
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">Reports ({reportGroups.length})</h2>
        {reportGroups.length === 0 ? (
          <p className="empty">No open reports.</p>
        ) : (
          reportGroups.map((group) => (
            <ReportGroupCard key={group.key} group={group} history={group.comment ? history.get(group.comment.author.id) : undefined} viewer={user} />
          ))
        )}
      </section>
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">Awaiting approval ({pending.length})</h2>
        {pending.length === 0 ? (
          <p className="empty">Nothing is waiting for approval.</p>
        ) : (
          pending.map((comment) => (
            <article key={comment.id} className="queue-item" aria-label="Comment awaiting approval">
              <QueueComment comment={comment} history={history.get(comment.author.id)} viewer={user} />
            </article>
          ))
        )}
      </section>
    </main>
  );
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
