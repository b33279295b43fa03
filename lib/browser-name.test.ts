import { describe, expect, it } from "vitest";
import { browserName } from "@/lib/browser-name";

describe("browserName", () => {
  it.each([
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36", "Chrome on Android"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0", "Firefox on Windows"],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
      "Safari on iOS",
    ],
  ])("names %s", (userAgent, expected) => {
    expect(browserName(userAgent)).toBe(expected);
  });

  it("is null for a missing or unreadable header", () => {
    expect(browserName(null)).toBeNull();
    expect(browserName("")).toBeNull();
  });

  it("never returns more than 80 characters", () => {
    expect((browserName(`${"x".repeat(5000)}`) ?? "").length).toBeLessThanOrEqual(80);
  });
});
