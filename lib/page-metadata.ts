import type { Metadata } from "next";

export const SITE_NAME = "Agora";
const ATOM = "application/atom+xml";

// Shared-link previews (Open Graph, and Twitter's card that reads them) and feed discovery for the pages
// people share: an article with its points, and a thread about one point.

export function articleMetadata(article: { slug: string; title: string; summary: string }, path: string): Metadata {
  return {
    title: article.title,
    description: article.summary,
    alternates: { canonical: path, types: { [ATOM]: [{ url: `/a/${article.slug}/feed.xml`, title: `${article.title} — comments` }] } },
    openGraph: { type: "website", siteName: SITE_NAME, title: article.title, description: article.summary, url: path },
    twitter: { card: "summary", title: article.title, description: article.summary },
  };
}

/** The home page's heading, also its title and shared-link preview. */
export const HOME_HEADING = "Discuss an article, one point at a time";
const HOME_DESCRIPTION = "Read an article point by point, say where you stand on each point, and argue it with sources.";

export function homeMetadata(): Metadata {
  return {
    // The root layout's "%s · Agora" template applies to the pages below it, not to its own page.
    title: { absolute: `${HOME_HEADING} · ${SITE_NAME}` },
    description: HOME_DESCRIPTION,
    alternates: { canonical: "/" },
    openGraph: { type: "website", siteName: SITE_NAME, title: HOME_HEADING, description: HOME_DESCRIPTION, url: "/" },
    twitter: { card: "summary", title: HOME_HEADING, description: HOME_DESCRIPTION },
  };
}

export function threadMetadata(thread: { id: string; title: string; summary: string; article: { title: string } }): Metadata {
  const path = `/t/${thread.id}`;
  return {
    title: thread.title,
    description: thread.summary,
    alternates: { canonical: path, types: { [ATOM]: [{ url: `${path}/feed.xml`, title: `${thread.title} — comments` }] } },
    openGraph: {
      type: "article",
      siteName: SITE_NAME,
      title: thread.title,
      description: thread.summary,
      url: path,
      section: thread.article.title,
    },
    twitter: { card: "summary", title: thread.title, description: thread.summary },
  };
}
