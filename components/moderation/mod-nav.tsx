import Link from "next/link";
import styles from "./mod-nav.module.css";

const SECTIONS = [
  { href: "/mod", label: "Reports" },
  { href: "/mod/appeals", label: "Appeals" },
  { href: "/mod/corrections", label: "Corrections" },
  { href: "/mod/log", label: "Log" },
] as const;

/**
 * The moderators' sections, atop each of their pages: the header keeps one entry (the queue, with its count), so
 * that it fits beside the search box and the account links.
 */
export function ModNav({ current }: { current: (typeof SECTIONS)[number]["href"] }) {
  return (
    <nav aria-label="Moderation" className={styles.nav}>
      {SECTIONS.map((section) => (
        <Link key={section.href} href={section.href} aria-current={section.href === current ? "page" : undefined}>
          {section.label}
        </Link>
      ))}
    </nav>
  );
}
