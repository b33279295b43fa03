import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RelativeTime } from "@/components/relative-time";
import { getCurrentUser } from "@/lib/current-user";
import { commentHtml } from "@/lib/cooked-body";
import { getUserComments } from "@/lib/queries/comments";
import { getUserProfile } from "@/lib/queries/users";

type Props = {
  params: Promise<{ userId: string }>;
  searchParams: Promise<{ before?: string | string[] }>;
};

const loadProfile = cache(getUserProfile);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await loadProfile((await params).userId);
  return { title: profile ? (profile.deletedAt ? "[deleted account]" : (profile.name ?? "Member")) : "Member not found" };
}

export default async function UserPage({ params, searchParams }: Props) {
  const { userId } = await params;
  const rawBefore = (await searchParams).before;
  const before = typeof rawBefore === "string" ? rawBefore : undefined;
  const profile = await loadProfile(userId);
  if (!profile) notFound();
  const [{ comments, nextCursor }, viewer] = await Promise.all([getUserComments(userId, before), getCurrentUser()]);

  return (
    <main className="narrow">
      <h1>{profile.deletedAt ? "[deleted account]" : (profile.name ?? "Member")}</h1>
      <p className="muted">
        {profile.role !== "member" && <span className="badge">{profile.role}</span>} Member since{" "}
        <RelativeTime date={profile.createdAt} />
      </p>
      {viewer?.id === userId && (
        <p className="moderation-log-link">
          <Link href="/appeals">Your appeals</Link>
        </p>
      )}
      <h2>{before ? "Older comments" : "Recent comments"}</h2>
      {comments.length === 0 ? (
        <p className="empty">No comments yet.</p>
      ) : (
        <ol className="user-comments">
          {comments.map((comment) => (
            <li key={comment.id} className="user-comment">
              <p className="comment-meta">
                On <Link href={`/t/${comment.thread.id}`}>{comment.thread.title}</Link>
                {" · "}
                <Link href={`/t/${comment.thread.id}/c/${comment.id}`}>
                  <RelativeTime date={comment.createdAt} />
                </Link>
                {comment.editedAt && <span className="edited">edited</span>}
              </p>
              <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: commentHtml(comment) }} />
            </li>
          ))}
        </ol>
      )}
      {nextCursor && (
        <p>
          <Link href={`/u/${userId}?before=${nextCursor}`}>Older comments →</Link>
        </p>
      )}
    </main>
  );
}
