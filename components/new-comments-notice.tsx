"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type Props = {
  threadId: string;
  /** When the page's comments were read (ISO): only comments after it count as new. */
  since: string;
  pollSeconds: number;
};

/**
 * "N new comments — show" while a thread is open: asks the server every few seconds (only while the tab is
 * visible) how many comments others have posted since the page was rendered; "show" re-renders the page.
 */
export function NewCommentsNotice({ threadId, since, pollSeconds }: Props) {
  const router = useRouter();
  const [count, setCount] = useState(0);

  useEffect(() => {
    setCount(0);
    let stopped = false;
    const check = async () => {
      if (document.hidden) return;
      try {
        const response = await fetch(`/api/threads/${threadId}/new-comments?since=${encodeURIComponent(since)}`, { cache: "no-store" });
        if (response.ok && !stopped) setCount(((await response.json()) as { count: number }).count);
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    };
    const timer = setInterval(check, pollSeconds * 1000);
    document.addEventListener("visibilitychange", check);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", check);
    };
  }, [threadId, since, pollSeconds]);

  return (
    <div className="new-comments-notice" role="status" aria-live="polite">
      {count > 0 && (
        <button type="button" onClick={() => router.refresh()}>
          {count} new {count === 1 ? "comment" : "comments"} — show
        </button>
      )}
    </div>
  );
}
