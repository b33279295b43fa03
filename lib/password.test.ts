import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "wrong horse battery")).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("spends a hash on an unknown account and says no", async () => {
    await verifyPassword(null, "warm up the decoy");
    const started = performance.now();
    expect(await verifyPassword(null, "anything")).toBe(false);
    const unknownMs = performance.now() - started;
    const hash = await hashPassword("real one");
    const started2 = performance.now();
    await verifyPassword(hash, "wrong");
    const wrongMs = performance.now() - started2;
    // Same work both ways: within a factor of 3 even on a busy machine.
    expect(unknownMs).toBeGreaterThan(wrongMs / 3);
  });

  it("treats a malformed stored hash as a mismatch", async () => {
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });
});
