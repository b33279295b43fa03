import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { decideAppealAction } from "@/lib/actions/appeal-decisions";
import { ActionForm } from "@/components/action-form";
import { RelativeTime } from "@/components/relative-time";
import { getCurrentUser, type CurrentUser } from "@/lib/current-user";
import { describeAction } from "@/lib/moderation-labels";
import { canDecideAppeal, canModerate } from "@/lib/permissions";
import { getAppealsQueue, type QueuedAppeal } from "@/lib/queries/appeals";
import { REASON_MAX_LENGTH } from "@/lib/validations/moderation";
import appealStyles from "@/components/appeals/appeal.module.css";
import { ModNav } from "@/components/moderation/mod-nav";

export const metadata: Metadata = { title: "Appeals" };

function AppealCard({ appeal, viewer }: { appeal: QueuedAppeal; viewer: CurrentUser }) {
  const moderatorName = appeal.log.moderator?.name ?? (appeal.log.moderatorId ? "a moderator" : "Agora (automatic)");
  return (
    <article className="queue-item" aria-label={`Appeal by ${appeal.appellant.name ?? "a member"}`} data-appeal-id={appeal.id}>
      <p>
        <Link href={`/u/${appeal.appellant.id}`}>{appeal.appellant.name ?? "A member"}</Link> appeals: {moderatorName} {describeAction(appeal.log.action)} (
        <RelativeTime date={appeal.log.createdAt} />){appeal.log.reason ? `. Reason given: ${appeal.log.reason}` : ""}
      </p>
      {appeal.comment && (
        <div>
          <p className="muted">
            The comment, on <Link href={`/t/${appeal.comment.threadId}/c/${appeal.comment.id}`}>{appeal.comment.thread.title}</Link> (now{" "}
            {appeal.comment.status}):
          </p>
          <blockquote className={appealStyles.body}>{appeal.comment.body}</blockquote>
        </div>
      )}
      <p className="muted">Their appeal:</p>
      <p className={appealStyles.body}>{appeal.body}</p>
      {appeal.status !== "open" ? (
        <p className={appealStyles[appeal.status]}>
          {appeal.status === "overturned" ? "Overturned" : "Upheld"} by {appeal.decidedBy?.name ?? "a moderator"}
          {appeal.decisionReason ? `: ${appeal.decisionReason}` : ""}
        </p>
      ) : canDecideAppeal(viewer, appeal) ? (
        <ActionForm
          action={decideAppealAction}
          hidden={{ appealId: appeal.id }}
          submit={[
            { kind: "overturned", label: "Overturn" },
            { kind: "upheld", label: "Uphold" },
          ]}
          label="Decide the appeal"
        >
          <label className="field-label">
            Reason (the member sees it, and the public log)
            <input type="text" name="reason" maxLength={REASON_MAX_LENGTH} required />
          </label>
        </ActionForm>
      ) : (
        <p className="muted appeal-waiting">
          {viewer.id === appeal.log.moderatorId ? "You took this decision: waiting for another moderator." : "Waiting for another moderator."}
        </p>
      )}
    </article>
  );
}

/** Appeals of moderation decisions, each decided by a moderator other than the one who took the decision. */
export default async function AppealsQueuePage() {
  const user = await getCurrentUser();
  if (!canModerate(user)) notFound();
  const { open, decided } = await getAppealsQueue();
  return (
    <main>
      <ModNav current="/mod/appeals" />
      <h1>Appeals</h1>
      <section aria-labelledby="open-appeals-heading">
        <h2 id="open-appeals-heading">Open ({open.length})</h2>
        {open.length === 0 ? <p className="empty">No open appeals.</p> : open.map((appeal) => <AppealCard key={appeal.id} appeal={appeal} viewer={user!} />)}
      </section>
      <section aria-labelledby="decided-appeals-heading">
        <h2 id="decided-appeals-heading">Recently decided</h2>
        {decided.length === 0 ? <p className="empty">None yet.</p> : decided.map((appeal) => <AppealCard key={appeal.id} appeal={appeal} viewer={user!} />)}
      </section>
    </main>
  );
}
