import { describe, expect, it } from "vitest";
import { callbackPath, signInSchema, signUpSchema } from "./auth";

describe("signUpSchema", () => {
  const valid = { name: "Ada", email: " Ada@Example.org ", password: "long enough" };

  it("normalises the email", () => {
    expect(signUpSchema.parse(valid).email).toBe("ada@example.org");
  });

  it("refuses an invalid email", () => {
    const result = signUpSchema.safeParse({ ...valid, email: "not-an-email" });
    expect(result.error?.flatten().fieldErrors.email).toEqual(["Enter a valid email address."]);
  });

  it("refuses a password shorter than 8 characters", () => {
    const result = signUpSchema.safeParse({ ...valid, password: "short" });
    expect(result.error?.flatten().fieldErrors.password).toEqual(["Passwords are at least 8 characters."]);
  });

  it("accepts a password of exactly 8 characters", () => {
    expect(signUpSchema.safeParse({ ...valid, password: "12345678" }).success).toBe(true);
  });

  it("refuses an empty display name or one with control characters", () => {
    expect(signUpSchema.safeParse({ ...valid, name: "   " }).success).toBe(false);
    expect(signUpSchema.safeParse({ ...valid, name: "evil\u0000name" }).success).toBe(false);
  });

  it("drops a role smuggled into the form", () => {
    expect(signUpSchema.parse({ ...valid, role: "admin" })).not.toHaveProperty("role");
  });
});

describe("callbackPath", () => {
  it.each([
    ["/t/abc", "/t/abc"],
    ["/t/abc#c-1", "/t/abc#c-1"],
    [undefined, "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/t/a\u0000b", "/"],
    ["/t/a\r\nSet-Cookie: x=1", "/"],
    ["/t/ünïcode", "/"],
  ])("%j returns to %s", (input, expected) => {
    expect(callbackPath.parse(input)).toBe(expected);
  });
});

describe("callbackPath refuses, by falling back to the home page,", () => {
  it.each<[string, unknown]>([
    ["a path longer than any page's", `/${"a".repeat(5000)}`],
    ["a file", new File(["/t/abc"], "x.txt")],
    ["a repeated parameter", ["/t/a", "/t/b"]],
    ["a number", 42],
  ])("%s", (_name, input) => {
    expect(callbackPath.parse(input)).toBe("/");
  });
});

describe("signInSchema", () => {
  it("requires a password", () => {
    expect(signInSchema.safeParse({ email: "a@b.co", password: "" }).success).toBe(false);
  });
});
