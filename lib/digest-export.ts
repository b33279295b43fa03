import type { ArticleDigest, DigestComment } from "@/lib/queries/digest";
import { STANCE_LABELS, topCommentHeading } from "@/lib/stance-labels";
import { STANCES } from "@/lib/validations/comment";

/**
 * Text a member wrote, on one line of Markdown: line breaks folded, and every character that could start
 * formatting, a link, an image or HTML backslash-escaped, so it reads as the words it is.
 */
export function markdownInline(text: string): string {
  return (
    text
      .replace(/\s+/g, " ")
      .trim()
      .replace(/[\\`*_{}[\]()<>#!|~&]/g, "\\$&")
      // A list marker or numbered item only counts at the start.
      .replace(/^[-+]/, "\\$&")
      .replace(/^(\d+)([.)])/, "$1\\$2")
  );
}

/**
 * A comment body (itself Markdown) as a blockquote: every line quoted, so nothing it contains ends the quote or
 * starts a heading or list of the digest, and "<" escaped so no renderer takes any of it for raw HTML.
 */
export function markdownQuote(body: string): string {
  return body
    .replace(/\r\n?/g, "\n")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .split("\n")
    .map((line) => (line.trim() === "" ? ">" : `> ${line}`))
    .join("\n");
}

const commentUrl = (origin: string, threadId: string, comment: DigestComment) => `${origin}/t/${threadId}/c/${comment.id}`;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The digest as a Markdown document. */
export function digestMarkdown(digest: ArticleDigest, origin: string): string {
  const { article } = digest;
  const lines: string[] = [
    `# Digest: ${markdownInline(article.title)}`,
    "",
    `Source: ${markdownInline(article.source)}`,
    "",
    `Discussion: <${origin}/a/${article.slug}>`,
    "",
  ];
  if (digest.since) lines.push(`New comments are counted since your previous visit (${digest.since.toISOString()}).`, "");
  for (const point of digest.points) {
    lines.push(`## Point ${point.position}: ${markdownInline(point.title)}`, "", markdownInline(point.summary), "");
    lines.push(`Thread: <${origin}/t/${point.threadId}> (${plural(point.commentCount, "comment", "comments")})`, "");
    lines.push(`Stances: ${STANCES.map((stance) => `${STANCE_LABELS[stance]} ${point.tally[stance]}`).join(", ")}`, "");
    if (point.newSinceLastVisit !== null) lines.push(`New since your last visit: ${point.newSinceLastVisit}`, "");
    for (const stance of STANCES) {
      const comment = point.top[stance];
      if (!comment) continue;
      lines.push(
        `### ${topCommentHeading(stance, comment.score)}`,
        "",
        `${markdownInline(comment.authorName ?? "Anonymous")}, ${plural(comment.score, "upvote", "upvotes")}, ${comment.createdAt.toISOString()} (<${commentUrl(origin, point.threadId, comment)}>)`,
        "",
        markdownQuote(comment.body),
        "",
      );
    }
    if (point.openCorrections.length > 0) {
      lines.push(`### ${plural(point.openCorrections.length, "open correction", "open corrections")}`, "");
      for (const correction of point.openCorrections) {
        lines.push(`- ${correction.target === "article" ? "The article" : "The point's summary"}: ${markdownInline(correction.claim)}`);
      }
      lines.push("");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The digest as plain data for JSON (dates as ISO strings by JSON itself; bodies as written, in Markdown). */
export function digestJson(digest: ArticleDigest, origin: string) {
  return {
    article: {
      slug: digest.article.slug,
      title: digest.article.title,
      source: digest.article.source,
      sourceUrl: digest.article.sourceUrl,
      url: `${origin}/a/${digest.article.slug}`,
    },
    since: digest.since,
    points: digest.points.map((point) => ({
      position: point.position,
      threadId: point.threadId,
      url: `${origin}/t/${point.threadId}`,
      title: point.title,
      summary: point.summary,
      commentCount: point.commentCount,
      tally: point.tally,
      top: Object.fromEntries(
        STANCES.map((stance) => {
          const comment = point.top[stance];
          return [
            stance,
            comment
              ? {
                  id: comment.id,
                  url: commentUrl(origin, point.threadId, comment),
                  author: comment.authorName,
                  score: comment.score,
                  createdAt: comment.createdAt,
                  body: comment.body,
                }
              : null,
          ];
        }),
      ),
      openCorrections: {
        count: point.openCorrections.length,
        claims: point.openCorrections.map(({ id, target, claim, createdAt }) => ({ id, target, claim, createdAt })),
      },
      newSinceLastVisit: point.newSinceLastVisit,
    })),
  };
}
