/** The suite's admin: the e2e server lists this email in ADMIN_EMAILS (see playwright.config.ts). */
export const E2E_ADMIN = { name: "E2E Admin", email: "e2e-admin@example.test", password: "correct horse battery" } as const;
