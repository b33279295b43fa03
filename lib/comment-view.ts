import type { CommentControl } from "@/lib/comment-controls";
import { moreRepliesHref, type CommentNode } from "@/lib/reply-tree";
import type { CurrentUser } from "@/lib/current-user";
import type { CommentStatus } from "@/lib/generated/prisma/enums";
import {
  canEditComment,
  canModerate,
  canReadBody,
  canReplyTo,
  canReportComment,
  canRequestSource,
  canOfferSuspension,
  canVote,
  staffTitle,
} from "@/lib/permissions";
import type { ThreadComment } from "@/lib/queries/comment-windows";
import type { SourceRequestSummary } from "@/lib/queries/source-requests";
import { answersSourceRequest, SOURCE_CARDS_SHOWN, type Source } from "@/lib/sources";
import type { StanceValue } from "@/lib/validations/comment";

// What one viewer sees of a page of comments, decided here on the server (every permission, every notice) and
// handed to the thread's one client component as plain data: a compact object per comment instead of a tree of
// server-rendered elements, which React would send a second time, element by element, in the page's payload.

export type CommentView = {
  id: string;
  /** The author's link; absent where the author is not shown ([deleted], [removed], awaiting review). */
  author?: { id: string; name: string; staff?: "Moderator" | "Admin" };
  /** What stands in the author's place when they are not shown. */
  placeholder?: string;
  createdAt: Date;
  edited?: true;
  pending?: true;
  status: CommentStatus;
  stance?: StanceValue;
  /** A moderator's note above the body ("Hidden by a moderator: …"), or the held-for-review note. */
  notice?: string;
  /** The stored, sanitised HTML of a body this viewer may read. */
  html?: string;
  /** "[deleted]", "[deleted account]", "[removed]", "[awaiting review]" where the body is not shown. */
  tombstone?: string;
  sources?: Source[];
  moreSources?: number;
  /** On the author's own comment: members waiting for a source. */
  callout?: number;
  vote?: { score: number; voted?: true; can?: true };
  sourceRequest?: { count: number; answered?: true; requested?: true; can?: true };
  /** The controls this viewer may use on it, in order. */
  controls?: CommentControl[];
  focused?: true;
  topLevel?: true;
  replies?: CommentView[];
  /** Replies this page does not show: a count, or null for "some". */
  moreReplies?: number | null;
  moreHref?: string;
  /** Below the deepest level shown: the replies that continue on the comment's own page. */
  continueCount?: number;
  replyCount: number;
};

export type CommentViewContext = {
  thread: { id: string; locked: boolean };
  user: CurrentUser | null;
  focusId?: string;
  maxDepth: number;
  votedIds?: ReadonlySet<string>;
  sourceRequests?: ReadonlyMap<string, SourceRequestSummary>;
};

function statusNotice(comment: ThreadComment): string | undefined {
  if (comment.deletedAt) return undefined;
  const reason = comment.moderationReason ? `: ${comment.moderationReason}` : "";
  switch (comment.status) {
    case "pending":
      return "Awaiting review: only you and the moderators can see this comment until it is approved.";
    case "hidden":
      return `Hidden by a moderator${reason}`;
    case "removed":
      return `Removed by a moderator${reason}`;
    default:
      return undefined;
  }
}

export function commentView(node: CommentNode<ThreadComment>, context: CommentViewContext, level = 0): CommentView {
  const { thread, user } = context;
  const state = { authorId: node.author.id, deletedAt: node.deletedAt, status: node.status };
  const deleted = node.deletedAt !== null;
  // The author left Agora (lib/queries/account.ts): their comments hold their place under this name.
  const tombstone = node.author.deletedAt ? "[deleted account]" : "[deleted]";
  const authorName = node.author.name ?? "Anonymous";
  const readable = canReadBody(user, state);
  const awaitingReview = !deleted && node.status === "pending" && !readable;
  const moderator = canModerate(user);
  const showAuthor = !deleted && !awaitingReview && (node.status !== "removed" || moderator);
  const requests = !deleted && node.status === "visible" ? context.sourceRequests?.get(node.id) : undefined;
  const answered = requests ? answersSourceRequest(node, requests.latestAt) : false;
  const canAsk = canRequestSource(user, state, thread);

  const view: CommentView = { id: node.id, createdAt: node.createdAt, status: node.status, replyCount: node.replyCount };
  if (showAuthor) {
    const staff = staffTitle(node.author);
    view.author = staff ? { id: node.author.id, name: authorName, staff } : { id: node.author.id, name: authorName };
  } else view.placeholder = deleted ? tombstone : awaitingReview ? "[awaiting review]" : "[removed]";
  if (node.editedAt && !deleted) view.edited = true;
  if (node.status === "pending" && !deleted) view.pending = true;
  if (!deleted && readable && node.stance) view.stance = node.stance;
  const notice = awaitingReview ? undefined : statusNotice(node);
  if (notice) view.notice = notice;
  if (deleted) view.tombstone = tombstone;
  else if (readable) {
    view.html = node.bodyHtml;
    if (node.sources.length > 0) {
      view.sources = node.sources.slice(0, SOURCE_CARDS_SHOWN);
      if (node.sources.length > SOURCE_CARDS_SHOWN) view.moreSources = node.sources.length - SOURCE_CARDS_SHOWN;
    }
  } else if (node.status === "removed") view.tombstone = "[removed]";
  else if (awaitingReview) view.tombstone = "[awaiting review]";
  if (requests && !answered && user?.id === node.author.id) view.callout = requests.count;
  if (!deleted && node.status === "visible") {
    view.vote = { score: node.score };
    if (context.votedIds?.has(node.id)) view.vote.voted = true;
    if (canVote(user, state)) view.vote.can = true;
  }
  if (requests || canAsk) {
    view.sourceRequest = { count: requests?.count ?? 0 };
    if (answered) view.sourceRequest.answered = true;
    if (requests?.requestedByViewer) view.sourceRequest.requested = true;
    if (canAsk) view.sourceRequest.can = true;
  }

  const controls: CommentControl[] = [];
  if (canReplyTo(user, state, thread)) controls.push("reply");
  if (canEditComment(user, state, thread)) controls.push("edit", "delete");
  if (canReportComment(user, state)) controls.push("report");
  if (!deleted && moderator) controls.push("moderate");
  // A moderator sees every author, so the suspend form can name this one.
  if (!deleted && canOfferSuspension(user, node.author)) controls.push("suspend");
  if (controls.length > 0) view.controls = controls;
  if (node.id === context.focusId) view.focused = true;
  if (level === 0) view.topLevel = true;

  if (node.depth >= context.maxDepth) {
    if (node.replyCount > 0) view.continueCount = node.replyCount;
  } else {
    if (node.replies.length > 0) view.replies = node.replies.map((reply) => commentView(reply, context, level + 1));
    if (node.moreReplies !== 0) {
      view.moreReplies = node.moreReplies;
      view.moreHref = moreRepliesHref(thread.id, node);
    }
  }
  return view;
}
