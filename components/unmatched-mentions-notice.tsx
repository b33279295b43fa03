/** Told after posting: the @mentions that named no member, so nobody was notified for them. */
export function UnmatchedMentionsNotice({ handles }: { handles: readonly string[] }) {
  if (handles.length === 0) return null;
  const list = handles.map((handle) => `@${handle}`).join(", ");
  return (
    <p className="banner" role="status">
      Posted. {handles.length === 1 ? `${list} matches no member` : `${list} match no member`}, so nobody was notified for{" "}
      {handles.length === 1 ? "it" : "them"}: check the spelling against the person&apos;s display name.
    </p>
  );
}
