/**
 * The functions a V8 CPU profile spent most time in, by self time, grouped by package:
 *   npx tsx bench/profile-top.ts bench/.data/profiles-sqlite/<file>.cpuprofile [rows]
 * (profiles come from `npm run bench -- --server-cpu-prof`).
 */
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const [file, rows = "30"] = process.argv.slice(2);
if (!file) {
  console.error("usage: npx tsx bench/profile-top.ts <file.cpuprofile> [rows]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  if (!micros) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*\/(node_modules|\.next[^/]*)\//, "$1/");
  byFunction.set(
    `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`,
    (byFunction.get(`${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`) ?? 0) + micros,
  );
  const pkg =
    url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? (url ? (url.startsWith("node:") ? "node internals" : "app / other") : functionName || "(native)");
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
}
const total = [...byFunction.values()].reduce((a, b) => a + b, 0);
const show = (map: Map<string, number>, count: number) => {
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`total ${(total / 1e6).toFixed(1)} s sampled\n\nby package:`);
show(byPackage, 15);
console.log("\nby function (self time):");
show(byFunction, Number(rows));
