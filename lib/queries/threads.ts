import { db } from "@/lib/db";

/** What a thread's tool pages (report, correction, lock, slow mode) need of it: one row. */
export async function getThreadSummary(threadId: string) {
  return db.thread.findUnique({
    // A draft's threads take no reports, corrections or moderation: to these pages they do not exist.
    where: { id: threadId, article: { draft: false } },
    select: { id: true, title: true, locked: true, slowModeManual: true, slowModeUntil: true },
  });
}
