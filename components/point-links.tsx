import Link from "next/link";
import "./point-links.css";
import type { AnswerKind } from "@/lib/generated/prisma/enums";
import type { LinkedPoint, PointLinks as Links } from "@/lib/queries/article-answers";

const KIND_WORDS: Record<AnswerKind, string> = { rebuttal: "rebuttal", follow_up: "follow-up" };

/** "a rebuttal" / "a follow-up", for the sentence that says how an article answers another. */
export function answerKindPhrase(kind: AnswerKind | null): string {
  return kind ? `a ${KIND_WORDS[kind]}` : "an answer";
}

function PointLink({ point }: { point: LinkedPoint }) {
  return (
    <Link href={`/t/${point.threadId}`}>
      {point.articleTitle} — {point.title}
    </Link>
  );
}

/**
 * A point's links across articles: the earlier points it answers, and the later points that answer it
 * ("Answered in: <article> — <point>"). Nothing when it has none.
 */
export function PointLinks({ links, compact = false }: { links: Links | undefined; compact?: boolean }) {
  if (!links || (links.answers.length === 0 && links.answeredIn.length === 0)) return null;
  const rows = [
    ...links.answers.map((point) => ({ label: "Answers", point, kind: point.kind })),
    ...links.answeredIn.map((point) => ({ label: "Answered in", point, kind: point.kind })),
  ];
  return (
    <ul className={compact ? "point-links compact" : "point-links"} aria-label="Links to other articles">
      {rows.map(({ label, point, kind }) => (
        <li key={`${label}-${point.threadId}`}>
          <span className="point-links-label">{label}</span>
          {kind && <span className="muted"> ({KIND_WORDS[kind]})</span>}: <PointLink point={point} />
        </li>
      ))}
    </ul>
  );
}

type ArticleRef = { slug: string; title: string };

/** An article's place in a debate: the earlier article it answers, and the later ones that answer it. */
export function ArticleAnswers({
  answers,
  answeredBy,
}: {
  answers: (ArticleRef & { kind: AnswerKind | null }) | null;
  answeredBy: (ArticleRef & { answerKind: AnswerKind | null })[];
}) {
  if (!answers && answeredBy.length === 0) return null;
  return (
    <ul className="point-links" aria-label="Articles this one answers or is answered by">
      {answers && (
        <li>
          This article is {answerKindPhrase(answers.kind)} of <Link href={`/a/${answers.slug}`}>{answers.title}</Link>.
        </li>
      )}
      {answeredBy.map((later) => (
        <li key={later.slug}>
          <span className="point-links-label">Answered by</span> ({answerKindPhrase(later.answerKind)}): <Link href={`/a/${later.slug}`}>{later.title}</Link>
        </li>
      ))}
    </ul>
  );
}
