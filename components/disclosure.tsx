"use client";

import { useId, useState, type ReactNode } from "react";

/** A text button that shows and hides a panel (report, moderate, suspend) below it. */
export function Disclosure({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className={className ?? "disclosure"}>
      <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && (
        <div id={id} className="disclosure-panel">
          {children}
        </div>
      )}
    </div>
  );
}
