"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { PostedComment } from "@/lib/posted-comment";

// The comments this reader has posted from the open thread page with JavaScript (lib/posted-comment.ts): the
// discussion shows them in place and the heading counts them, until the page is next rendered by the server (a
// refresh, a vote, "show" new comments), which holds them itself. Without JavaScript a post redirects to its
// comment and none of this runs.

type ThreadPostsValue = { posted: readonly PostedComment[]; add: (posted: PostedComment) => void };

const ThreadPostsContext = createContext<ThreadPostsValue | null>(null);

/** Around a thread page's heading, comment box and discussion. `renderedAt`: when the server read the page. */
export function ThreadPosts({ renderedAt, children }: { renderedAt: string; children: ReactNode }) {
  // Posts belong to the render they were added to: a new server render starts again from none.
  const [state, setState] = useState<{ renderedAt: string; posted: PostedComment[] }>({ renderedAt, posted: [] });
  const posted = useMemo(() => (state.renderedAt === renderedAt ? state.posted : []), [state, renderedAt]);
  const add = useCallback(
    (post: PostedComment) =>
      setState((current) => ({
        renderedAt,
        posted: [...(current.renderedAt === renderedAt ? current.posted : []).filter((other) => other.view.id !== post.view.id), post],
      })),
    [renderedAt],
  );
  const value = useMemo(() => ({ posted, add }), [posted, add]);
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
