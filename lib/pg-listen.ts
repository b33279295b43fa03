// One reconnecting LISTEN connection per process, for every channel Agora listens on (the anonymous cache's
// purges, lib/anonymous-cache-purge.ts; live updates' new comments, lib/live-events.ts). PostgreSQL only.
import pg from "pg";
import { log, serializeError } from "@/lib/logger";

/** Waits between reconnection attempts of a listener that lost its connection: from 500 ms, doubling up to 30 s. */
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

export type ChannelListener = {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
};

export type ChannelHandlers = Record<string, (payload: string) => void>;

/**
 * Holds one connection LISTENing on every channel in `handlers` and calls the channel's handler with each
 * notification's payload. A lost connection is opened again, and `onReconnect` is called then: notifications
 * may have been sent while nobody listened.
 */
export function listenOnChannels(url: string, handlers: ChannelHandlers, options: { onReconnect?: () => void; name?: string } = {}): ChannelListener {
  const channels = Object.keys(handlers);
  for (const channel of channels) if (!/^[a-z_]+$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  let client: pg.Client | null = null;
  let closed = false;
  let delay = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const reconnectLater = (error?: unknown) => {
    if (closed || timer) return;
    if (error) log("warn", "database listener lost its connection", { error: serializeError(error), retryInMs: delay, channels });
    timer = setTimeout(() => {
      timer = undefined;
      void connect(true);
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  };

  const connect = async (reconnecting: boolean) => {
    const connection = new pg.Client({ connectionString: url, application_name: options.name ?? "agora-listen" });
    client = connection;
    connection.on("notification", (message) => handlers[message.channel]?.(message.payload ?? ""));
    connection.on("error", (error) => {
      connection.removeAllListeners("end");
      void connection.end().catch(() => {});
      reconnectLater(error);
    });
    connection.on("end", () => reconnectLater(new Error("connection ended")));
    try {
      await connection.connect();
      for (const channel of channels) await connection.query(`LISTEN ${channel}`);
    } catch (error) {
      connection.removeAllListeners("end");
      void connection.end().catch(() => {});
      if (!closed) reconnectLater(error);
      return;
    }
    if (closed) {
      await connection.end().catch(() => {});
      return;
    }
    delay = RECONNECT_MIN_MS;
    if (reconnecting) options.onReconnect?.();
    markReady();
  };

  void connect(false);
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      const connection = client;
      client = null;
      connection?.removeAllListeners("end");
      await connection?.end().catch(() => {});
    },
  };
}
