import { SEARCH_QUERY_MAX_LENGTH } from "@/lib/search-query";
import styles from "./search-form.module.css";

type Props = {
  /** The input's id (the header's box and the search page's box are both on /search). */
  id: string;
  defaultValue?: string;
  className: string;
  /** A visible Search button; the header's box submits with Enter. */
  withButton?: boolean;
};

/** A plain GET form to /search: works before (and without) JavaScript, and the URL is shareable. */
export function SearchForm({ id, defaultValue, className, withButton = false }: Props) {
  return (
    <form role="search" action="/search" method="get" className={className}>
      <label htmlFor={id} className="visually-hidden">
        Search threads and comments
      </label>
      <input
        type="search"
        className={styles.input}
        id={id}
        name="q"
        defaultValue={defaultValue}
        placeholder="Search…"
        maxLength={SEARCH_QUERY_MAX_LENGTH}
        autoComplete="off"
        enterKeyHint="search"
      />
      {withButton && <button type="submit">Search</button>}
    </form>
  );
}
