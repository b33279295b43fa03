/** Every e2e account uses this password (it passes the 8-character minimum). */
export const PASSWORD = "correct horse battery";

export type Account = { name: string; email: string; password: string };

/** The suite's admin: the e2e server lists this email in ADMIN_EMAILS (see playwright.config.ts). */
export const E2E_ADMIN = { name: "E2E Admin", email: "e2e-admin@example.test", password: PASSWORD } as const;

function suffix(): string {
  return `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A fresh account's details; nothing is stored until it is used to sign up. */
export function newAccount(overrides: Partial<Account> = {}): Account {
  const id = suffix();
  return { name: `E2E ${id.slice(-6)}`, email: `e2e-${id}@example.test`, password: PASSWORD, ...overrides };
}

/** A token unique to this run, for comment bodies that a test must find again. */
export function unique(label: string): string {
  return `${label} ${suffix()}`;
}
