// Types for server-process.mjs, imported by the bench and the e2e helpers (TypeScript).
export const NEXT_BIN: string;
export const DEFAULT_SERVER_HEAP_MB: number;
export function serverNodeFlags(env?: Record<string, string | undefined>): string[];
export function nextStartArgs(args: string[], env?: Record<string, string | undefined>): string[];
