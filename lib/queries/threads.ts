import { db } from "@/lib/db";

/** What a thread's tool pages (report, correction, lock, slow mode) need of it: one row. */
export async function getThreadSummary(threadId: string) {
  return db.thread.findUnique({
    where: { id: threadId },
    select: { id: true, title: true, locked: true, slowModeManual: true, slowModeUntil: true },
  });
}
