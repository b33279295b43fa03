// A thread's own state, as every page, banner and write reads it.

/** A thread takes comments while neither it nor its whole article is closed. */
export function isThreadClosed(thread: { locked: boolean }, article: { closedAt: Date | null }): boolean {
  return thread.locked || article.closedAt !== null;
}

/** Slow mode is on while a moderator has switched it on, or until the automatic cool-down's end. */
export function isSlowModeActive(thread: { slowModeManual: boolean; slowModeUntil: Date | null }, now: Date = new Date()): boolean {
  return thread.slowModeManual || (thread.slowModeUntil !== null && thread.slowModeUntil.getTime() > now.getTime());
}
