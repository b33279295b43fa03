import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";
import { composeNotificationEmail } from "./notification-email";
import type { NotificationToEmail } from "./queries/notifications";

const notification = (
  overrides: Partial<{ kind: "reply" | "mention" | "source_request"; author: string | null; title: string; body: string; depth: number }> = {},
) =>
  ({
    id: "n1",
    kind: overrides.kind ?? "reply",
    recipient: { email: "ada@example.test", name: "Ada" },
    comment: {
      id: "c1",
      threadId: "t1",
      depth: overrides.depth ?? 1,
      body: overrides.body ?? "A reply",
      author: { name: overrides.author === undefined ? "Grace" : overrides.author },
      thread: { title: overrides.title ?? "The ban" },
    },
  }) as NotificationToEmail;

describe("composeNotificationEmail", () => {
  it("says who did what where, quotes the comment and links its permalink on the public origin", () => {
    const email = composeNotificationEmail(notification({ kind: "mention" }), "https://agora.example.test");
    expect(email.to).toBe("ada@example.test");
    expect(email.subject).toBe("Grace mentioned you on “The ban”");
    expect(email.text).toContain("> A reply");
    expect(email.text).toMatch(/Read it and reply: https:\/\/agora\.example\.test\/t\/t1\S*#c-c1\n/);
  });

  it("keeps the subject on one line and the excerpt short, whatever the names and the body hold", () => {
    const email = composeNotificationEmail(
      notification({ author: "Grace\r\nBcc: victim@example.test", title: "Line\none", body: `${"word ".repeat(200)}\n\nend` }),
      "https://agora.example.test",
    );
    expect(email.subject).toBe("Grace Bcc: victim@example.test replied to your comment on “Line one”");
    const quote = email.text.split("\n").find((line) => line.startsWith("> "))!;
    expect(quote.length).toBeLessThanOrEqual(302);
    expect(quote.endsWith("…")).toBe(true);
    expect(composeNotificationEmail(notification({ author: null }), "https://a.test").subject).toMatch(/^Someone replied/);
  });
});

describe("a source request's email", () => {
  it("names nobody, says which comment of theirs and links it for an edit", () => {
    const email = composeNotificationEmail(notification({ kind: "source_request", author: "Ada", body: "My claim" }), "https://agora.example.test");
    expect(email.subject).toBe("Someone asked for a source for your comment on “The ban”");
    expect(email.text).toContain("> My claim");
    expect(email.text).toMatch(/Edit it to add a link: https:\/\/agora\.example\.test\/t\/t1\S*#c-c1\n/);
    expect(email.subject).not.toContain("Ada");
  });
});

describe("email configuration", () => {
  it("is off without SMTP_URL, and refuses SMTP_URL without a public AUTH_URL for the links", () => {
    const base = { NODE_ENV: "test" } as const;
    expect(readEnv({ ...base }).SMTP_URL).toBeUndefined();
    expect(readEnv({ ...base, SMTP_URL: "", AUTH_URL: "" }).SMTP_URL).toBeUndefined();
    expect(() => readEnv({ ...base, SMTP_URL: "smtp://mail.example.test:25" })).toThrow(/AUTH_URL: must be the forum's public URL/);
    expect(readEnv({ ...base, SMTP_URL: "smtps://u:p@mail.example.test:465", AUTH_URL: "https://agora.example.test" }).SMTP_URL).toBe(
      "smtps://u:p@mail.example.test:465",
    );
    expect(() => readEnv({ ...base, SMTP_URL: "http://mail.example.test", AUTH_URL: "https://agora.example.test" })).toThrow(/SMTP_URL: must be an SMTP URL/);
  });
});
