import { formatExactTime } from "@/lib/time";
import styles from "./article-state-banner.module.css";

/** Tells readers a whole article is a closed archive, and editors that what they see is an unpublished draft. */
export function ArticleStateBanner({ article }: { article: { draft: boolean; closedAt: Date | null } }) {
  if (article.draft) {
    return (
      <p className={`banner ${styles.draft}`} role="status">
        Draft preview: only editors can see this article until it is published.
      </p>
    );
  }
  if (article.closedAt) {
    return (
      <p className="banner" role="status">
        This article is closed: it is a read-only archive and takes no new comments (closed {formatExactTime(article.closedAt)}).
      </p>
    );
  }
  return null;
}
