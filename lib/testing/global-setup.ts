import type { TestProject } from "vitest/node";
import { dropDatabasesWithPrefix, testDatabaseKind } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Every PostgreSQL database of this run starts with it: agora_test_<pid of the run>. */
    postgresDatabasePrefix: string;
  }
}

/** Runs once per `vitest run`: names this run's PostgreSQL databases, and drops any a crashed file left behind. */
export default function setup(project: TestProject) {
  const prefix = `agora_test_${process.pid}`;
  project.provide("postgresDatabasePrefix", prefix);
  return async () => {
    if (testDatabaseKind() !== "postgres") return;
    const leftovers = await dropDatabasesWithPrefix(prefix);
    if (leftovers.length) console.warn(`dropped ${leftovers.length} test database(s) left behind: ${leftovers.join(", ")}`);
  };
}
