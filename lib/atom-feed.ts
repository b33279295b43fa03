import { Feed } from "feed";
import { commentHtml } from "@/lib/cooked-body";
import type { FeedComment } from "@/lib/queries/feeds";

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

type FeedSource = {
  /** The feed's own absolute URL, also its id. */
  selfUrl: string;
  /** The page the feed follows. */
  pageUrl: string;
  title: string;
  description: string;
  /** When nothing has been said yet, the feed is as old as this. */
  fallbackUpdated: Date;
  origin: string;
  comments: FeedComment[];
  /** Whether entry titles name the thread (an article feed spans several). */
  nameThread: boolean;
};

/** An Atom 1.0 document of comments, newest first; comment bodies as the same safe HTML the pages show. */
export function commentsAtomFeed(source: FeedSource): string {
  const updated = source.comments.reduce<Date>(
    (latest, comment) => maxDate(latest, comment.editedAt ?? comment.createdAt),
    source.comments.length ? new Date(0) : source.fallbackUpdated,
  );
  const feed = new Feed({
    id: source.selfUrl,
    title: source.title,
    description: source.description,
    link: source.pageUrl,
    language: "en",
    updated,
    generator: "Agora",
    feedLinks: { atom: source.selfUrl },
    copyright: "Comments belong to their authors.",
  });
  for (const comment of source.comments) {
    const author = comment.author.name ?? "A member";
    // The permalink, which opens the comment wherever it sits in the thread.
    const link = new URL(`/t/${comment.thread.id}/c/${comment.id}`, source.origin).toString();
    feed.addItem({
      id: link,
      link,
      // The feed library marks entry titles type="html": names and titles are text, so they are escaped.
      title: escapeHtml(source.nameThread ? `${author} on “${comment.thread.title}”` : `${author} commented`),
      date: comment.editedAt ?? comment.createdAt,
      published: comment.createdAt,
      content: commentHtml(comment),
      author: [{ name: author, link: new URL(`/u/${comment.author.id}`, source.origin).toString() }],
    });
  }
  return feed.atom1();
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
