import { extractSources, SOURCE_CARDS_SHOWN, type Source } from "@/lib/sources";
import "./evidence.css";

/**
 * The sources a comment cites, as compact cards under its body: the domain, the link text as the title, the link.
 * Built from the body alone (lib/sources.ts): no remote page is ever fetched. Renders nothing for a body without links.
 * Pass the comment's stored `sources` (ThreadComment has them); a `body` is parsed here, on every render.
 */
export function SourceCards(props: { sources: readonly Source[] } | { body: string }) {
  const sources = "sources" in props ? props.sources : extractSources(props.body);
  if (sources.length === 0) return null;
  const shown = sources.slice(0, SOURCE_CARDS_SHOWN);
  const more = sources.length - shown.length;
  return (
    <aside className="source-cards" aria-label={sources.length === 1 ? "1 source" : `${sources.length} sources`}>
      <ul>
        {shown.map((source) => (
          <li key={source.url} className="source-card">
            <a href={source.url} rel="nofollow ugc noopener noreferrer" title={source.url}>
              <span className="source-domain">{source.domain}</span>
              <span className="source-title">{source.title}</span>
            </a>
          </li>
        ))}
      </ul>
      {more > 0 && <p className="source-more">+{more} more</p>}
    </aside>
  );
}
