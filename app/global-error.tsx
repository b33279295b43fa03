"use client";

import "./globals.css";

// The last resort, when the root layout itself fails (for instance the database is down while reading the
// signed-in member): it replaces the whole document, so it brings its own <html> and styles.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Agora</title>
        <main className="narrow">
          <h1>Something went wrong</h1>
          <p>Agora could not show this page just now. Try again in a moment.</p>
          {digest && (
            <p className="meta">
              If it keeps happening, tell us this reference: <code>{digest}</code>
            </p>
          )}
          <p>
            <button type="button" onClick={() => retry()}>
              Try again
            </button>{" "}
            {/* A full page load on purpose: the root layout itself failed, so client navigation cannot be trusted. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/">Back to the discussion</a>
          </p>
        </main>
      </body>
    </html>
  );
}
