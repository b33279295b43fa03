import { splitSnippet } from "@/lib/search-highlight";

/**
 * A search snippet with its matches in <mark>. The text arrives as plain text with marker characters
 * (lib/search-highlight.ts); React escapes every part, so nothing a comment says can become markup.
 */
export function HighlightedText({ text }: { text: string }) {
  return <>{splitSnippet(text).map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}
