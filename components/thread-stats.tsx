import { RelativeTime } from "./relative-time";

/** "12 comments · last activity 3 hours ago" under a point, on the home and article pages. */
export function ThreadStats({ commentCount, lastActivityAt }: { commentCount: number; lastActivityAt: Date }) {
  return (
    <p className="thread-stats">
      {commentCount} {commentCount === 1 ? "comment" : "comments"}
      {commentCount > 0 && (
        <>
          {" · last activity "}
          <RelativeTime date={lastActivityAt} />
        </>
      )}
    </p>
  );
}
