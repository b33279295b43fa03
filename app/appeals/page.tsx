import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AppealForm } from "@/components/appeals/appeal-form";
import { RelativeTime } from "@/components/relative-time";
import { getCurrentUser } from "@/lib/current-user";
import { describeAction } from "@/lib/moderation-labels";
import { getAppealableSuspension, listOwnAppeals } from "@/lib/queries/appeals";
import { describeSuspension } from "@/lib/suspension-message";
import appealStyles from "@/components/appeals/appeal.module.css";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Your appeals" };

const STATUS_TEXT = { open: "Waiting for a moderator", upheld: "Turned down", overturned: "Granted" } as const;

/** A member's appeals: their current suspension to appeal, and every appeal they made with its outcome. */
export default async function AppealsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fappeals");
  const [suspension, appeals] = await Promise.all([getAppealableSuspension(user.id), listOwnAppeals(user.id)]);

  return (
    <main className="narrow">
      <h1>Your appeals</h1>
      <p className="muted">
        If a moderator hid or removed your comment, or suspended you, you can ask for the decision to be looked at again. A different moderator decides. To
        appeal a comment decision, use “Appeal this decision” on the comment.
      </p>
      {user.suspension && suspension && (
        <section aria-labelledby="suspension-heading" className={styles.suspension}>
          <h2 id="suspension-heading">Your suspension</h2>
          <p>{describeSuspension(user.suspension)}</p>
          {suspension.appeal ? (
            <p className={appealStyles[suspension.appeal.status]}>You appealed this suspension: {STATUS_TEXT[suspension.appeal.status].toLowerCase()}.</p>
          ) : (
            <AppealForm logId={suspension.id} label="Appeal your suspension" />
          )}
        </section>
      )}
      <h2>Appeals you made</h2>
      {appeals.length === 0 ? (
        <p className="empty">You have not appealed any decision.</p>
      ) : (
        <ol className={`${styles.list} appeals-list`}>
          {appeals.map((appeal) => (
            <li key={appeal.id} data-appeal-id={appeal.id}>
              <p>
                <strong>{STATUS_TEXT[appeal.status]}</strong> — a moderator {describeAction(appeal.log.action)}
                {appeal.comment && (
                  <>
                    {" "}
                    on <Link href={`/t/${appeal.comment.threadId}/c/${appeal.commentId}`}>{appeal.comment.thread.title}</Link>
                  </>
                )}{" "}
                (<RelativeTime date={appeal.log.createdAt} />){appeal.log.reason ? `. Reason: ${appeal.log.reason}` : ""}
              </p>
              <p className={appealStyles.body}>{appeal.body}</p>
              {appeal.status !== "open" && (
                <p className={appealStyles[appeal.status]}>
                  {appeal.status === "overturned" ? "Decision overturned" : "Decision upheld"}
                  {appeal.decisionReason ? `: ${appeal.decisionReason}` : "."}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
