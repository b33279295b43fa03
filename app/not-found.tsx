import Link from "next/link";

export default function NotFound() {
  return (
    <main className="narrow">
      <h1>Not found</h1>
      <p>That page does not exist, or it was removed.</p>
      <p>
        <Link href="/">Back to the discussion</Link>
      </p>
    </main>
  );
}
