import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

const SERIOUS = new Set(["serious", "critical"]);

/** axe-core's serious and critical findings on the page as it is now (the rules e2e/accessibility.spec.ts uses). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .disableRules(["label-content-name-mismatch"])
    .analyze();
  return results.violations
    .filter((violation) => SERIOUS.has(violation.impact ?? ""))
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}
