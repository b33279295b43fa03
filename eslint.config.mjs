// ESLint 9 flat config: Next's core-web-vitals rules, typescript-eslint's recommended rules, and the layering
// (the house style: pages and components never touch the database; components and lib never import a route folder).
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

const TESTS = ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "lib/testing/**"];

// Files that may import the Prisma client besides lib/queries/: each is infrastructure, not a read or write of a record.
const DB_INFRASTRUCTURE = [
  "lib/db.ts", // the client itself
  "lib/auth.ts", // Auth.js's PrismaAdapter takes the client
  "lib/rate-limit.ts", // rate-limiter-flexible's Prisma store takes the client
  "lib/instance-notify.ts", // pg_notify on PostgreSQL, a transport rather than a record
  "lib/sign-in-link.ts", // two reads of User made before Auth.js signs in; TODO: move into lib/queries/users.ts
  "app/api/health/route.ts", // hands the client to lib/health.ts's checkDatabase
  "app/api/bench/metrics/route.ts", // counts the client's queries for the bench
  "instrumentation.ts", // connects and disconnects the client at server start and stop
  "scripts/**", // command-line tools: seed, import, backfill, roles, backup
  "bench/**", // the benchmark's data generator
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      ".walk/**",
    ],
  },
  ...nextCoreWebVitals,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are unused on purpose (destructuring to omit a field, a required but unused parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Not React: vitest's `useEnv` helper and Playwright's fixture callback `use` only share the hook naming.
    files: TESTS,
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Every read and write of the database goes through lib/queries/.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/queries/**", ...TESTS, ...DB_INFRASTRUCTURE],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              allowTypeImports: true,
              regex: "^(@/lib/db|(\\.\\./)+lib/db|\\./lib/db|\\.\\.?/db)$",
              message: "Read and write the database through a function in lib/queries/.",
            },
          ],
        },
      ],
    },
  },
  {
    // components/ and lib/ sit below app/: they never import from a route folder (server actions live in lib/actions/).
    files: ["components/**/*.ts", "components/**/*.tsx", "lib/**/*.ts", "lib/**/*.tsx"],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/app/**"],
              message: "components/ and lib/ must not import from app/ (route folders); move the code to lib/.",
            },
          ],
        },
      ],
    },
  },
);
