import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentUser } from "@/lib/current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/current-user", () => ({ getCurrentUser: vi.fn(async () => session.user) }));

import { RateLimitedError } from "@/lib/rate-limit";
import { defineAction } from "./define-action";

class ThingError extends Error {}
class NameError extends Error {}

const member: CurrentUser = { id: "m1", name: "Member", role: "member", suspension: null };
const work = vi.fn(async (input: { title: string }, user: CurrentUser) => ({ saved: `${input.title} by ${user.id}` }));

const action = defineAction({
  guard: "writer",
  schema: z.object({ title: z.string().min(3, "Give it a title of three letters or more.") }),
  keep: ["title"],
  refusals: [ThingError, [NameError, "title"]],
  run: (input, user) => work(input, user),
  after: (result) => ({ ok: true, message: `Saved ${result.saved}.` }),
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

beforeEach(() => {
  session.user = member;
  work.mockClear();
});

describe("defineAction", () => {
  it("runs the work for a caller the guard lets through, and answers with what follows it", async () => {
    expect(await action({ ok: true }, form({ title: "Hello" }))).toEqual({ ok: true, message: "Saved Hello by m1." });
    expect(work).toHaveBeenCalledOnce();
  });

  it("refuses a caller the guard stops (signed out, suspended) before reading the form, keeping what was typed", async () => {
    session.user = null;
    expect(await action({ ok: true }, form({ title: "Hello" }))).toEqual({
      ok: false,
      message: "Your session has ended. Sign in again to continue.",
      values: { title: "Hello" },
    });
    session.user = { ...member, suspension: { until: null, permanent: true, reason: "spam" } };
    expect(await action({ ok: true }, form({ title: "Hello" }))).toMatchObject({ ok: false, values: { title: "Hello" } });
    expect(work).not.toHaveBeenCalled();
  });

  it("answers bad input with the schema's message and field, runs nothing, and keeps what was typed", async () => {
    expect(await action({ ok: true }, form({ title: "Hi" }))).toMatchObject({
      ok: false,
      message: "Give it a title of three letters or more.",
      fieldErrors: { title: ["Give it a title of three letters or more."] },
      values: { title: "Hi" },
    });
    expect(work).not.toHaveBeenCalled();
  });

  it("turns a known domain error, and a rate limit, into the form's message", async () => {
    work.mockRejectedValueOnce(new ThingError("That thing is gone."));
    expect(await action({ ok: true }, form({ title: "Hello" }))).toEqual({ ok: false, message: "That thing is gone.", values: { title: "Hello" } });
    work.mockRejectedValueOnce(new RateLimitedError(30));
    expect(await action({ ok: true }, form({ title: "Hello" }))).toMatchObject({ ok: false, message: expect.stringMatching(/too often/) });
  });

  it("puts a refusal marked with a field beside that field", async () => {
    work.mockRejectedValueOnce(new NameError("That title is taken."));
    expect(await action({ ok: true }, form({ title: "Hello" }))).toMatchObject({ ok: false, fieldErrors: { title: ["That title is taken."] } });
  });

  it("lets any other error through: a bug is not a refusal", async () => {
    work.mockRejectedValueOnce(new TypeError("boom"));
    await expect(action({ ok: true }, form({ title: "Hello" }))).rejects.toThrow("boom");
  });

  it("reads a hand-made request that sends no form as a form with no fields", async () => {
    expect(await action({ ok: true }, "not a form" as unknown as FormData)).toMatchObject({ ok: false });
    expect(work).not.toHaveBeenCalled();
  });
});
