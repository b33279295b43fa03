const members = (count: number) => `${count} ${count === 1 ? "member" : "members"}`;

/** What the author sees on their own comment while requests are unanswered. */
export function SourceRequestCallout({ count }: { count: number }) {
  return (
    <p className="source-request-callout" role="note">
      <strong>{members(count)} asked you for a source.</strong> Edit your comment to add a link to where this comes from.
    </p>
  );
}
