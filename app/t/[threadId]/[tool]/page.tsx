import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CorrectionFields } from "@/components/correction-form";
import { SlowModeFields } from "@/components/moderation/slow-mode-controls";
import { LockFields } from "@/components/moderation/thread-moderation";
import { ReportFields } from "@/components/report-form";
import { isThreadTool, type ThreadTool } from "@/lib/comment-controls";
import { getCurrentUser } from "@/lib/current-user";
import { canModerate, canReport, canSuggestCorrection, isSlowModeActive } from "@/lib/permissions";
import { getThreadSummary } from "@/lib/queries/threads";

type Props = { params: Promise<{ threadId: string; tool: string }> };

const HEADINGS: Record<ThreadTool, string> = {
  report: "Report this thread",
  correction: "Suggest a correction",
  lock: "Lock this thread",
  "slow-mode": "Slow mode",
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tool } = await params;
  return { title: isThreadTool(tool) ? HEADINGS[tool] : "Not found", robots: { index: false } };
}

/**
 * A thread-level tool on a page of its own, so it works without JavaScript: reporting the thread, suggesting a
 * correction to its point, and for moderators locking it and slow mode. Each form's server action checks again.
 */
export default async function ThreadToolPage({ params }: Props) {
  const { threadId, tool } = await params;
  if (!isThreadTool(tool)) notFound();
  const [thread, user] = await Promise.all([getThreadSummary(threadId), getCurrentUser()]);
  if (!thread) notFound();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/t/${threadId}/${tool}`)}`);

  const moderator = canModerate(user);
  let form: React.ReactNode = null;
  if (tool === "report" && canReport(user, {}) && !moderator) form = <ReportFields threadId={threadId} />;
  if (tool === "correction" && canSuggestCorrection(user)) form = <CorrectionFields threadId={threadId} />;
  if (tool === "lock" && moderator && !thread.locked) form = <LockFields threadId={threadId} />;
  if (tool === "slow-mode" && moderator) form = <SlowModeFields threadId={threadId} active={isSlowModeActive(thread)} />;

  return (
    <main className="control-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/t/${threadId}`}>{thread.title}</Link>
        <span aria-hidden="true"> › </span>
        <span>{HEADINGS[tool]}</span>
      </nav>
      <h1>{HEADINGS[tool]}</h1>
      {form ?? (
        <p className="banner" role="status">
          {tool === "lock" && thread.locked ? "This thread is already locked." : "You cannot do that on this thread."}
        </p>
      )}
      <p className="page-nav">
        <Link href={`/t/${threadId}`}>← Back to the discussion</Link>
      </p>
    </main>
  );
}
