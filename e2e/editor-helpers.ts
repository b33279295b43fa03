import type { Browser, Page, TestInfo } from "@playwright/test";
import { type Account, expect, newContext, signInAsAdmin, signUp } from "./helpers";

// Shared by the editors' specs (e2e/editors.spec.ts, e2e/article-answers.spec.ts).

/** A new member made an editor by the suite's admin on /admin, signed in on `page`. */
export async function newEditor(page: Page, browser: Browser, testInfo: TestInfo): Promise<Account> {
  const account = await signUp(page);
  const adminContext = await newContext(browser, testInfo);
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  await admin.goto(`/admin?q=${encodeURIComponent(account.email)}`);
  const form = admin.getByRole("form", { name: `Role of ${account.name}` });
  await form.getByRole("combobox", { name: "Role" }).selectOption("editor");
  await form.getByRole("button", { name: "Change" }).click();
  await expect(form.getByText("Role changed to editor.")).toBeVisible();
  await adminContext.close();
  await page.goto("/editor");
  await expect(page.getByRole("heading", { level: 1, name: "Editor" })).toBeVisible();
  return account;
}

/** Fills the new-article form and asks for the points; does not wait for the outcome. */
export async function proposePoints(page: Page, fields: { source: string; slug?: string; text?: string }): Promise<void> {
  await page.goto("/editor/new");
  const form = page.getByRole("form", { name: "New article" });
  await form.getByLabel("Source (publication or author)").fill(fields.source);
  if (fields.slug) await form.getByLabel("Address (optional)").fill(fields.slug);
  if (fields.text !== undefined) await form.getByLabel("The article's text").fill(fields.text);
  await form.getByRole("button", { name: "Propose the points" }).click();
}
