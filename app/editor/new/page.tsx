import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { createArticleAction } from "@/lib/actions/editor";
import { FieldsForm } from "@/components/editor/fields-form";
import { ARTICLE_MAX_BYTES } from "@/lib/article-import";
import { getCurrentUser } from "@/lib/current-user";
import { canEditArticles } from "@/lib/permissions";

export const metadata: Metadata = { title: "New article" };

export default async function NewArticlePage() {
  if (!canEditArticles(await getCurrentUser())) notFound();
  return (
    <main className="narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/editor">Editor</Link>
        <span aria-hidden="true"> › </span>
        <span>New article</span>
      </nav>
      <h1>New article</h1>
      <p>
        Paste the article (plain text or Markdown) or upload it as a .md or .txt file. Agora proposes one point per
        <code> ## </code>heading, otherwise one per paragraph; you can then edit, reorder, merge and split them before publishing. Nothing is public until you
        publish.
      </p>
      <FieldsForm
        action={createArticleAction}
        label="New article"
        submit="Propose the points"
        fields={[
          { name: "source", label: "Source (publication or author)", kind: "text" },
          { name: "sourceUrl", label: "Source link (optional)", kind: "url", hint: "The article's address, starting with https://" },
          { name: "title", label: "Title (optional)", kind: "text", hint: "Left empty: the text's first heading or line." },
          { name: "slug", label: "Address (optional)", kind: "text", hint: "The article's page is /a/<address>; left empty, made from the title." },
          { name: "text", label: "The article's text", kind: "textarea", rows: 14 },
          {
            name: "file",
            label: "…or upload a .md or .txt file",
            kind: "file",
            accept: ".md,.markdown,.txt,text/plain,text/markdown",
            hint: `At most ${ARTICLE_MAX_BYTES / 1024} KB, UTF-8 text. A chosen file is used instead of the pasted text.`,
          },
        ]}
      />
    </main>
  );
}
