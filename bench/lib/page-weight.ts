/** What a page costs the browser: the JavaScript files it loads and the page itself, gzip-compressed. */
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export type PageWeight = {
  path: string;
  htmlBytes: number;
  htmlGzipBytes: number;
  scripts: { src: string; bytes: number; gzipBytes: number }[];
  /** The JavaScript files (<script src>), each compressed on its own as a server would send it. */
  scriptGzipBytes: number;
  /** Legacy polyfills (<script noModule>): only browsers without ES modules fetch them, so not in scriptGzipBytes. */
  noModuleGzipBytes: number;
  /** Inline scripts (mostly the React Server Components payload that hydrates the page), compressed together. */
  inlineScriptGzipBytes: number;
};

const gzipSize = (data: Buffer | string) => gzipSync(data, { level: 6 }).length;

export async function measurePageWeight(baseUrl: string, path: string, cookie?: string): Promise<PageWeight> {
  const response = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  // BENCH_SAVE_HTML=<folder>: keep each measured page, to read what its bytes are made of.
  if (process.env.BENCH_SAVE_HTML) {
    mkdirSync(process.env.BENCH_SAVE_HTML, { recursive: true });
    const name = `${path.replace(/[^a-z0-9]+/gi, "_")}${cookie ? "-signed-in" : ""}-${Date.now()}.html`;
    writeFileSync(`${process.env.BENCH_SAVE_HTML}/${name}`, html);
  }
  const sources = new Map<string, boolean>();
  let inline = "";
  for (const tag of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = tag[1]!.match(/\bsrc="([^"]+)"/)?.[1];
    if (src) sources.set(src.replace(/&amp;/g, "&"), /\bnoModule\b/i.test(tag[1]!));
    else inline += tag[2];
  }
  const scripts = [];
  let noModuleGzipBytes = 0;
  for (const [src, noModule] of sources) {
    const file = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    if (noModule) noModuleGzipBytes += gzipSize(file);
    else scripts.push({ src, bytes: file.length, gzipBytes: gzipSize(file) });
  }
  return {
    path,
    htmlBytes: Buffer.byteLength(html),
    htmlGzipBytes: gzipSize(html),
    scripts,
    scriptGzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
    noModuleGzipBytes,
    inlineScriptGzipBytes: gzipSize(inline),
  };
}
