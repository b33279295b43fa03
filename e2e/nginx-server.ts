import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./app-server";

// nginx (Debian's package) as a child process, in front of app servers, with the locations production uses
// (docs/nginx/agora-locations.conf), and clients that each reach it from an address of their own.

export const NGINX_BINARY = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
// Relative to the repository root, where Playwright runs.
const LOCATIONS = path.resolve("docs/nginx/agora-locations.conf");

export type Nginx = { url: string; output(): string; stop(): Promise<void> };

/**
 * Starts nginx on `port` (a free one by default), round-robin to `upstreams` (http://host:port URLs), with every
 * path it writes inside a temporary directory. Each answer says which upstream served it in X-Upstream.
 */
export async function startNginx(upstreams: string[], port?: number): Promise<Nginx> {
  const listen = port ?? (await freePort());
  const dir = await mkdtemp(path.join(os.tmpdir(), "agora-nginx-"));
  // Run as root (CI), nginx's workers drop to an unprivileged user, which must reach the temporary paths.
  await chmod(dir, 0o755);
  const servers = upstreams.map((url) => `        server ${new URL(url).host};`).join("\n");
  const config = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${process.getuid?.() === 0 ? "user nobody nogroup;" : ""}
events { worker_connections 256; }
http {
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    upstream agora {
${servers}
    }
    server {
        listen 127.0.0.1:${listen};
        # For the tests only: which instance answered.
        add_header X-Upstream $upstream_addr always;
        include ${LOCATIONS};
    }
}
`;
  const conf = path.join(dir, "nginx.conf");
  await writeFile(conf, config);
  const child = spawn(NGINX_BINARY, ["-c", conf, "-p", dir, "-e", `${dir}/error.log`, "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const nginx: Nginx = {
    url: `http://127.0.0.1:${listen}`,
    output: () => output,
    async stop() {
      // SIGTERM: nginx's fast shutdown, master and worker.
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      await nginx.stop();
      throw new Error(`nginx exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${nginx.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.headers.has("x-upstream")) return nginx;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await nginx.stop();
      throw new Error(`nginx on ${nginx.url} did not answer within 15 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type Client = {
  /** Where this client's requests go (Playwright's baseURL): they reach nginx from `address`. */
  url: string;
  /** The client's own address, as nginx sees it. */
  address: string;
  close(): Promise<void>;
};

/**
 * A client of `target` with an address of its own: a TCP relay that reaches `target` from a random 127.x.y.z
 * address (all of 127.0.0.0/8 is this machine's). Browsers cannot choose the address they connect from, and
 * without this every test client would be 127.0.0.1 to nginx and share one per-IP limit.
 */
export async function clientOf(target: string): Promise<Client> {
  const [a, b, c] = randomBytes(3);
  const address = `127.${a}.${b}.${(c! % 253) + 2}`;
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((incoming) => {
    const outgoing = net.connect({ host: hostname, port: Number(port), localAddress: address });
    sockets.add(incoming).add(outgoing);
    const forget = () => {
      incoming.destroy();
      outgoing.destroy();
      sockets.delete(incoming);
      sockets.delete(outgoing);
    };
    incoming.on("error", forget).on("close", forget);
    outgoing.on("error", forget).on("close", forget);
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve, reject) => {
    relay.once("error", reject);
    relay.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(relay.address() as net.AddressInfo).port}`,
    address,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}
