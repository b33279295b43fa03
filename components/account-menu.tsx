"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * The header's account links on a phone: a <details> disclosure ("Menu"), so it opens without JavaScript too.
 * The root layout stays mounted across client-side navigations, so the menu closes itself when the page changes.
 * (On wider screens the same links show inline and this menu is not displayed: app/header.css.)
 */
export function AccountMenu({ children }: { children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <details className="account-menu" ref={menu}>
      <summary>
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M4 7h16M4 12h16M4 17h16" />
        </svg>
        Menu
      </summary>
      <div className="account-menu-panel">{children}</div>
    </details>
  );
}
