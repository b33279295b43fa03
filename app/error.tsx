"use client";

import Link from "next/link";

// Shown when a page or action fails on the server. In production Next.js sends only a digest, never the
// message or stack; the digest is printed here so a reader's report can be matched to the server's log line.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <main className="narrow">
      <h1>Something went wrong</h1>
      <p>The page could not be shown just now. Nothing you wrote is lost: try again in a moment.</p>
      {digest && (
        <p className="meta">
          If it keeps happening, tell us this reference: <code>{digest}</code>
        </p>
      )}
      <p className="error-actions">
        <button type="button" onClick={() => retry()}>
          Try again
        </button>{" "}
        <Link href="/">Back to the discussion</Link>
      </p>
    </main>
  );
}
