import { afterAll, afterEach, beforeAll } from "vitest";
import { readEnv, replaceEnvForTesting } from "@/lib/env";

// Tests change settings here, never in process.env: the values go through lib/env.ts's schema (a typo fails
// the test at once) and are undone between tests, so no file leaks its limits into the next test.

type Overrides = Record<string, string | undefined>;

let applied: Overrides = {};

function apply(next: Overrides): void {
  // Validated first: a refused value changes nothing.
  const values = readEnv({ ...process.env, ...next });
  applied = next;
  replaceEnvForTesting(values);
}

/** Changes these settings now, on top of earlier changes (undefined: back to the default); undone by resetEnv. */
export function overrideEnv(overrides: Overrides): void {
  apply({ ...applied, ...overrides });
}

/** Back to the process's own settings. */
export function resetEnv(): void {
  apply({});
}

/** These settings for every test of the file (or describe block), restored after it; changes inside a test last for that test. */
export function useEnv(overrides: Overrides): void {
  let outer: Overrides = {};
  beforeAll(() => {
    outer = applied;
    overrideEnv(overrides);
  });
  afterEach(() => apply({ ...outer, ...overrides }));
  afterAll(() => apply(outer));
}
