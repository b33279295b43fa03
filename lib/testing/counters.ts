import { expect } from "vitest";
import { db } from "@/lib/db";
import { findCounterDrift } from "@/lib/queries/counters";

/**
 * The counters' invariant: every stored counter equals what a recount would write (npm run db:recount would
 * change nothing). Fuzz suites call it at their end, after whatever the runs did to comments and votes.
 */
export async function expectCountersMatchRecount(): Promise<void> {
  expect(await findCounterDrift(db)).toEqual([]);
}
