// The per-comment controls of a thread page. Each is a link to its own small page that works without JavaScript
// (/t/<thread>/c/<comment>/<control>); with JavaScript, one thread-level component (components/thread-discussion.tsx)
// opens the same form inline under the comment instead of navigating.

export const COMMENT_CONTROLS = ["reply", "edit", "delete", "report", "moderate", "suspend"] as const;
export type CommentControl = (typeof COMMENT_CONTROLS)[number];

export function isCommentControl(value: string): value is CommentControl {
  return (COMMENT_CONTROLS as readonly string[]).includes(value);
}

/** The visible name of each control, which is also its accessible name. */
export const COMMENT_CONTROL_LABELS: Record<CommentControl, string> = {
  reply: "Reply",
  edit: "Edit",
  delete: "Delete",
  report: "Report",
  moderate: "Moderate",
  suspend: "Suspend author",
};

export function commentControlHref(threadId: string, commentId: string, control: CommentControl): string {
  return `/t/${threadId}/c/${commentId}/${control}`;
}

/** The id of the element under a comment where an inline form opens. */
export function commentPanelId(commentId: string): string {
  return `panel-${commentId}`;
}

// The thread-level tools that open a form: the same pattern, one page each (/t/<thread>/<tool>).
export const THREAD_TOOLS = ["report", "correction", "lock", "slow-mode"] as const;
export type ThreadTool = (typeof THREAD_TOOLS)[number];

export function isThreadTool(value: string): value is ThreadTool {
  return (THREAD_TOOLS as readonly string[]).includes(value);
}

export function threadToolHref(threadId: string, tool: ThreadTool): string {
  return `/t/${threadId}/${tool}`;
}
