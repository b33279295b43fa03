// `npm run db:schemas`: regenerates prisma/postgres/schema.prisma from prisma/schema.prisma (the SQLite source).
// `--check` only reports whether the committed file is current (exit 1 when it is not).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { POSTGRES_SCHEMA, ROOT, readSource, toPostgresSchema } from "./lib/schemas.mjs";

const expected = toPostgresSchema(readSource());
const current = existsSync(POSTGRES_SCHEMA) ? readFileSync(POSTGRES_SCHEMA, "utf8") : null;
const relative = path.relative(ROOT, POSTGRES_SCHEMA);

if (process.argv.includes("--check")) {
  if (current !== expected) {
    console.error(`${relative} is out of date: run \`npm run db:schemas\``);
    process.exit(1);
  }
  console.log(`${relative} is up to date`);
} else if (current === expected) {
  console.log(`${relative} is up to date`);
} else {
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, expected);
  console.log(`wrote ${relative}`);
}
