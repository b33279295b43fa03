import { headers } from "next/headers";
import { clientIpFrom } from "@/lib/client-ip-header";

/** The current request's caller address (server actions and pages); the rule is clientIpFrom's. */
export async function getClientIp(): Promise<string> {
  return clientIpFrom(await headers());
}
