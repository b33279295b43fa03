import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { benchRoutesEnabled } from "@/app/api/bench/enabled";

// The benchmark's floor for a member's page: the root layout (session, header, the bell's and the staff badge's
// counts) around an empty main, rendered by React per request like every signed-in page. What a thread page costs
// beyond this is the thread's own. Answers only when the server was started with BENCH_METRICS=1 (bench/run.ts).

export const metadata: Metadata = { title: "Benchmark floor", robots: { index: false } };

export default function EmptyBenchPage() {
  if (!benchRoutesEnabled()) notFound();
  return (
    <main>
      <h1>Benchmark floor</h1>
    </main>
  );
}
