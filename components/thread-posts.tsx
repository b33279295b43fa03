"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { PostedComment } from "@/lib/posted-comment";

// The comments this reader has posted from the open thread page with JavaScript (lib/posted-comment.ts): the
// discussion shows them in place and the heading counts them. A later server render of the page (a refresh, a
// vote, "show" new comments) holds them where they belong, so a post counts only until a render read after it.
// Without JavaScript a post redirects to its comment and none of this runs.

/** When this tab last posted in a thread in place (sessionStorage: this tab's history only). */
const storageKey = (threadId: string) => `agora:posted:${threadId}`;
function remember(threadId: string, time: number): void {
  try {
    sessionStorage.setItem(storageKey(threadId), String(time));
  } catch {
    // Storage refused (private mode, full): Back may show the page from before the post, as a plain link would.
  }
}
function lastPost(threadId: string): number {
  try {
    return Number(sessionStorage.getItem(storageKey(threadId)) ?? 0);
  } catch {
    return 0;
  }
}

type ThreadPostsValue = { posted: readonly PostedComment[]; add: (posted: PostedComment) => void };

const ThreadPostsContext = createContext<ThreadPostsValue | null>(null);

/**
 * Around a thread page's heading, comment box and discussion. `renderedAt`: when the server read the page.
 * `inPlace`: whether a post is shown in place here; not on a page sorted by votes or filtered by stance, where a
 * new comment would not stand first (there it redirects to its comment, as without JavaScript).
 */
export function ThreadPosts({ threadId, renderedAt, inPlace, children }: { threadId: string; renderedAt: string; inPlace: boolean; children: ReactNode }) {
  const router = useRouter();
  const [all, setAll] = useState<PostedComment[]>([]);
  // A render read before a post (a refresh under way as it was posted) keeps it; one read after it holds it.
  const since = Date.parse(renderedAt);
  const posted = useMemo(() => all.filter((post) => new Date(post.view.createdAt).getTime() > since), [all, since]);
  const add = useCallback(
    (post: PostedComment) => {
      setAll((current) => [...current.filter((other) => other.view.id !== post.view.id), post]);
      remember(threadId, new Date(post.view.createdAt).getTime());
    },
    [threadId],
  );

  // Back or Forward to this thread shows the browser's copy of the page from before the post (Next keeps it for
  // history): when this tab posted here after that copy was read, the page is read again.
  useEffect(() => {
    if (lastPost(threadId) > since) router.refresh();
  }, [threadId, since, router]);

  const value = useMemo(() => (inPlace ? { posted, add } : null), [inPlace, posted, add]);
  return <ThreadPostsContext.Provider value={value}>{children}</ThreadPostsContext.Provider>;
}

/** The open thread page's posts, or null outside one (a reply's own page): there a post redirects as without JavaScript. */
export function useThreadPosts(): ThreadPostsValue | null {
  return useContext(ThreadPostsContext);
}

/** "N comments", counting what this reader has posted since the page was rendered. */
export function DiscussionHeading({ count }: { count: number }) {
  const posts = useThreadPosts();
  const shown = Math.max(count, ...(posts?.posted.map((post) => post.commentCount) ?? []));
  return (
    <h2 id="discussion-heading">
      {shown.toLocaleString("en-US")} {shown === 1 ? "comment" : "comments"}
    </h2>
  );
}
