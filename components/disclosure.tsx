"use client";

import { useId, useState, useSyncExternalStore, type ReactNode } from "react";

const subscribe = () => () => {};

/** False while the server renders and the page hydrates, true once JavaScript runs the page. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/**
 * A button that shows and hides a panel (report, lock, suggest a correction) below it, drawn as the outlined
 * button it is (.disclosure-toggle). Without JavaScript it is a link to `href`, the form's own page, drawn alike,
 * so the control still works.
 */
export function Disclosure({ label, href, children, className }: { label: string; href?: string; children: ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const id = useId();
  return (
    <div className={className ?? "disclosure"}>
      {!hydrated && href ? (
        <a className="disclosure-toggle" href={href} rel="nofollow">
          {label}
        </a>
      ) : (
        <button type="button" className="disclosure-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {label}
        </button>
      )}
      {open && (
        <div id={id} className="disclosure-panel">
          {children}
        </div>
      )}
    </div>
  );
}
