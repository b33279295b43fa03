import type { Instrumentation } from "next";

// Next.js calls register() once per server process at start-up.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Every request carries its socket's address, which lib/client-ip.ts weighs against TRUST_PROXY.
  const { installPeerAddress } = await import("./lib/peer-address");
  installPeerAddress();
  // Prometheus metrics (app/api/metrics): every request's duration by route, every statement's.
  const { installRequestTiming, metrics } = await import("./lib/metrics");
  installRequestTiming();
  const { db } = await import("./lib/db");
  const { queryDuration } = metrics();
  db.$on("query", (event) => queryDuration.observe(event.duration / 1000));
  const { warnAboutMissingPublicUrl } = await import("./lib/site-url-warning");
  warnAboutMissingPublicUrl();
  const { closeDatabaseOnShutdown } = await import("./lib/shutdown");
  // On PostgreSQL, one connection listens for other instances' purges of the anonymous cache and new comments.
  const { startInstanceListener, stopInstanceListener } = await import("./lib/instance-listener");
  startInstanceListener();
  // Open event streams would hold the drain on a signal for ever: they end at once (readers reconnect elsewhere).
  const { endStreamsOnShutdown } = await import("./lib/live-events");
  endStreamsOnShutdown();
  closeDatabaseOnShutdown(async () => {
    const { disconnectDb } = await import("./lib/db");
    await Promise.all([stopInstanceListener(), disconnectDb()]);
  });
}

// Every error a page, action or route throws: one JSON line with the request id proxy.ts gave the request.
// The user sees app/error.tsx (a reference number, no internals); the details are here.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log, serializeError } = await import("./lib/logger");
  const { metrics } = await import("./lib/metrics");
  metrics().errors.inc({ kind: context.routeType });
  const { requestIdFromHeaders } = await import("./lib/request-id");
  log("error", "request failed", {
    requestId: requestIdFromHeaders(request.headers),
    method: request.method,
    path: request.path,
    route: context.routePath,
    routeType: context.routeType,
    error: serializeError(error),
  });
};
