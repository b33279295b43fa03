// Structured logs: one JSON object per line on stdout (info) or stderr (warn, error), so a log shipper or
// `jq` can filter by level, request id or route without parsing prose.

export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

/** An error as plain JSON: its name, message and stack (logs are for operators; pages never show these). */
export function serializeError(error: unknown): LogFields {
  if (error instanceof Error) {
    const digest = (error as { digest?: unknown }).digest;
    return {
      name: error.name,
      message: error.message,
      ...(typeof digest === "string" ? { digest } : {}),
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { message: String(error) };
}

/** The line written for one event: time and level first, then the message and its fields. */
export function formatLogLine(level: LogLevel, message: string, fields: LogFields = {}, now = new Date()): string {
  return JSON.stringify({ time: now.toISOString(), level, msg: message, ...fields }, (_key, value: unknown) =>
    typeof value === "bigint" ? value.toString() : value,
  );
}

export function log(level: LogLevel, message: string, fields?: LogFields): void {
  const line = formatLogLine(level, message, fields) + "\n";
  if (level === "info") process.stdout.write(line);
  else process.stderr.write(line);
}
