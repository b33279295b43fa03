import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RelativeTime } from "@/components/relative-time";
import { getCurrentUser } from "@/lib/current-user";
import { commentHtml } from "@/lib/cooked-body";
import { getUserComments } from "@/lib/queries/user-comments";
import { getUserProfile } from "@/lib/queries/users";
import { listEarlierNames } from "@/lib/queries/display-names";
import { getMemberCard } from "@/lib/queries/member-card";
import { MemberCard } from "@/components/member-card";
import { canModerate, staffTitle } from "@/lib/permissions";
import { StaffBadge } from "@/components/staff-badge";
import styles from "./page.module.css";

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
  // Earlier display names and the member card are for moderators: they tell an impostor's or a troll's history,
  // not the public's business.
  const [earlierNames, card] = canModerate(viewer) ? await Promise.all([listEarlierNames(userId), getMemberCard(userId)]) : [[], null];
  const staff = staffTitle(profile);

  return (
    <main className="narrow">
      <h1>
        {profile.deletedAt ? "[deleted account]" : (profile.name ?? "Member")}
        {staff && !profile.deletedAt && <StaffBadge title={staff} />}
      </h1>
      <p className="muted">
        Member since <RelativeTime date={profile.createdAt} />
      </p>
      {viewer?.id === userId && (
        <p className={styles.ownLinks}>
          <Link href="/appeals">Your appeals</Link> · <Link href="/settings/name">Change your display name</Link>
        </p>
      )}
      {earlierNames.length > 0 && (
        <section aria-labelledby="earlier-names">
          <h2 id="earlier-names">Earlier display names</h2>
          <ul className="earlier-names">
            {earlierNames.map((change) => (
              <li key={`${change.createdAt.toISOString()}-${change.oldName}`}>
                {change.oldName}{" "}
                <span className="muted">
                  (until <RelativeTime date={change.createdAt} />)
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {card && <MemberCard userId={userId} card={card} />}
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
