"use client";

import { usePathname, useSearchParams } from "next/navigation";

/**
 * Where a server action's form posts before JavaScript runs: this very page, as the browser would. Given to
 * useActionState as its permalink, so the form carries `action="/t/…"`; without one React writes `action=""`,
 * which HTML does not allow (the Nu checker flags it). The action's answer still renders on the same page.
 *
 * Only for a form that a page carries once per action (the comment box): React keys a postback's answer by the
 * permalink alone, so every form of the same action with the same permalink would show that answer.
 */
export function useFormPermalink(): string {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return search ? `${pathname}?${search}` : pathname;
}
