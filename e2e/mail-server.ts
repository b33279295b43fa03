import { startSmtpSink, type SmtpSink } from "../lib/testing/smtp-sink";
import { startAppServer, type AppServer } from "./app-server";

/**
 * A server of this build that sends its email to a local SMTP sink (lib/testing/smtp-sink.ts), its AUTH_URL its
 * own address so emailed links open on it: for the specs that follow a link from an email.
 */
export async function startMailingServer(): Promise<{ sink: SmtpSink; server: AppServer }> {
  const sink = await startSmtpSink();
  const server = await startAppServer((url) => ({ SMTP_URL: sink.url, AUTH_URL: url, MAIL_FROM: "Agora <no-reply@agora.test>" }));
  return { sink, server };
}
