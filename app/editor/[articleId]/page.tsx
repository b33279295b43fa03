import type { Metadata } from "next";
import "@/components/point-links.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  addPointAction,
  articleAnswersAction,
  articleStateAction,
  pointAnswersAction,
  pointToolAction,
  splitPointAction,
  updateArticleAction,
  updatePointAction,
} from "@/lib/actions/editor";
import { ActionForm } from "@/components/action-form";
import { FieldsForm } from "@/components/editor/fields-form";
import { getCurrentUser } from "@/lib/current-user";
import { canDeletePoint, canEditArticles, type Viewer } from "@/lib/permissions";
import { getArticleForEditing, listAnswerableArticles, type ArticleForEditing } from "@/lib/queries/editor";
import { formatExactTime } from "@/lib/time";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Edit article" };

type Props = { params: Promise<{ articleId: string }> };

const EXCERPT_HINT = "The article's own words, exactly as written (you may cut a passage short with …).";

export default async function EditArticlePage({ params }: Props) {
  const user = await getCurrentUser();
  if (!canEditArticles(user)) notFound();
  const articleId = (await params).articleId;
  const [article, answerable] = await Promise.all([getArticleForEditing(articleId), listAnswerableArticles(articleId)]);
  if (!article) notFound();
  const hidden = { articleId: article.id };

  return (
    <main>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/editor">Editor</Link>
        <span aria-hidden="true"> › </span>
        <span>{article.draft ? "Draft" : "Published article"}</span>
      </nav>
      <h1>{article.title}</h1>
      <p>
        {article.draft ? "Draft: only editors can see it." : `Published ${formatExactTime(article.publishedAt)}.`}
        {article.closedAt && ` Closed to new comments ${formatExactTime(article.closedAt)}.`}{" "}
        <Link href={`/a/${article.slug}`}>{article.draft ? "Preview the article and its threads as readers will see them" : "Open the article"}</Link>
      </p>

      <section aria-labelledby="state-heading">
        <h2 id="state-heading">{article.draft ? "Publish" : "Comments"}</h2>
        {article.draft ? (
          <ActionForm action={articleStateAction} hidden={{ ...hidden, kind: "publish" }} submit="Publish" label="Publish the article" />
        ) : article.closedAt ? (
          <ActionForm action={articleStateAction} hidden={{ ...hidden, kind: "reopen" }} submit="Reopen to comments" label="Reopen the article" />
        ) : (
          <ActionForm action={articleStateAction} hidden={{ ...hidden, kind: "close" }} submit="Close to new comments" label="Close the article">
            <label className="field-label">
              Reason (optional, shown in the public log)
              <input type="text" name="reason" />
            </label>
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Title and source</h2>
        <FieldsForm
          action={updateArticleAction}
          label="Title and source"
          submit="Save title and source"
          hidden={hidden}
          fields={[
            { name: "title", label: "Title", kind: "text", value: article.title },
            { name: "source", label: "Source", kind: "text", value: article.source },
            { name: "sourceUrl", label: "Source link (optional)", kind: "url", value: article.sourceUrl ?? "" },
            { name: "summary", label: "Summary", kind: "textarea", value: article.summary },
          ]}
        />
      </section>

      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">Answers an earlier article</h2>
        <p className="muted">
          A rebuttal or follow-up of an article already published: link each of its points to the points it answers, and their threads show the link both ways.
        </p>
        <ActionForm action={articleAnswersAction} hidden={hidden} submit="Save" label="Which article this one answers">
          <label className="field-label answer-select">
            The article it answers
            <select name="answersId" defaultValue={article.answersId ?? ""}>
              <option value="">None: it answers no other article</option>
              {answerable.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.title}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="answer-choices">
            <legend>It is</legend>
            <label>
              <input type="radio" name="kind" value="rebuttal" defaultChecked={article.answerKind === "rebuttal"} /> a rebuttal (it argues against it)
            </label>
            <label>
              <input type="radio" name="kind" value="follow_up" defaultChecked={article.answerKind === "follow_up"} /> a follow-up (it carries it further)
            </label>
          </fieldset>
        </ActionForm>
      </section>

      <section aria-labelledby="points-heading">
        <h2 id="points-heading">Points ({article.threads.length})</h2>
        {article.threads.map((point, index) => (
          <PointEditor key={point.id} user={user} article={article} point={point} first={index === 0} last={index === article.threads.length - 1} />
        ))}
        <div className={styles.point}>
          <h3>Add a point</h3>
          <FieldsForm
            action={addPointAction}
            label="Add a point"
            submit="Add the point"
            hidden={hidden}
            fields={[
              { name: "title", label: "Title", kind: "text" },
              { name: "summary", label: "Summary", kind: "textarea" },
              { name: "excerpt", label: "Quoted excerpt", kind: "textarea", hint: EXCERPT_HINT },
            ]}
          />
        </div>
      </section>

      {article.body && (
        <details>
          <summary>The article&apos;s text</summary>
          <pre className={styles.articleText}>{article.body}</pre>
        </details>
      )}
    </main>
  );
}

type Point = ArticleForEditing["threads"][number];

function PointEditor({ user, article, point, first, last }: { user: Viewer; article: ArticleForEditing; point: Point; first: boolean; last: boolean }) {
  const hidden = { articleId: article.id, threadId: point.id };
  const hasComments = point._count.comments > 0;
  const tools = [
    ...(first ? [] : [{ kind: "up", label: "Move up" }]),
    ...(last ? [] : [{ kind: "down", label: "Move down" }]),
    ...(last || hasComments ? [] : [{ kind: "merge", label: "Merge with next" }]),
    ...(article.draft ? [] : [point.locked ? { kind: "reopen", label: "Reopen point" } : { kind: "close", label: "Close point" }]),
    ...(canDeletePoint(user, { commentCount: point.commentCount, hasComments }) ? [{ kind: "delete", label: "Delete point", danger: true }] : []),
  ];
  return (
    <article className={styles.point} aria-labelledby={`point-${point.id}`}>
      <h3 id={`point-${point.id}`}>
        Point {point.position}: {point.title}
        {point.locked && <span className="badge">Closed</span>}
      </h3>
      {!article.draft && (
        <p className="muted">
          {point.commentCount} {point.commentCount === 1 ? "comment" : "comments"} · <Link href={`/t/${point.id}`}>Open the thread</Link>
          {hasComments && " · A point with comments can be closed, not deleted."}
        </p>
      )}
      <FieldsForm
        action={updatePointAction}
        label={`Edit point ${point.position}`}
        submit="Save point"
        hidden={hidden}
        fields={[
          { name: "title", label: "Title", kind: "text", value: point.title },
          { name: "summary", label: "Summary", kind: "textarea", value: point.summary },
          { name: "excerpt", label: "Quoted excerpt", kind: "textarea", value: point.excerpt, hint: EXCERPT_HINT },
        ]}
      />
      {tools.length > 0 && <ActionForm action={pointToolAction} hidden={hidden} submit={tools} label={`Arrange point ${point.position}`} />}
      {article.answers && (
        <ActionForm action={pointAnswersAction} hidden={hidden} submit="Save links" label={`Points point ${point.position} answers`}>
          <fieldset className="answer-choices">
            <legend>Answers these points of “{article.answers.title}”</legend>
            {article.answers.threads.map((earlier) => (
              <label key={earlier.id}>
                <input
                  type="checkbox"
                  name="answersThreadIds"
                  value={earlier.id}
                  defaultChecked={point.answers.some((link) => link.answersThreadId === earlier.id)}
                />{" "}
                Point {earlier.position}: {earlier.title}
              </label>
            ))}
          </fieldset>
        </ActionForm>
      )}
      {!hasComments && (
        <details>
          <summary>Split this point in two</summary>
          <FieldsForm
            action={splitPointAction}
            label={`Split point ${point.position}`}
            submit="Split"
            hidden={hidden}
            fields={[
              { name: "at", label: "The new point starts at these words of the excerpt", kind: "text" },
              { name: "newTitle", label: "The new point's title", kind: "text" },
            ]}
          />
        </details>
      )}
    </article>
  );
}
