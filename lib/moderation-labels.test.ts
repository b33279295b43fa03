import { describe, expect, it } from "vitest";
import { formatLongDate, formatSuspensionLength, reportOutcomeNotice } from "@/lib/moderation-notices";
import { readableDetail } from "./moderation-labels";

describe("log details in words", () => {
  it.each([
    ["1 day(s), until 2026-12-05T10:26:51.586Z", "1 day, until 5 December 2026, 10:26 UTC"],
    ["7 day(s), until 2026-01-09T00:05:00.000Z", "7 days, until 9 January 2026, 00:05 UTC"],
    ["permanent", "permanent"],
    ["appeal of: suspend user", "appeal of: suspension"],
    ["appeal of: hide comment", "appeal of: hiding a comment"],
    ["appeal of: remove comment", "appeal of: removing a comment"],
    ["2 report(s) closed", "2 report(s) closed"],
    ["1 day(s), until not-a-date", "1 day(s), until not-a-date"],
  ])("%s → %s", (stored, shown) => {
    expect(readableDetail(stored)).toBe(shown);
  });

  it("dates and lengths read as words", () => {
    expect(formatLongDate(new Date("2026-12-05T10:26:51.586Z"))).toBe("5 December 2026, 10:26 UTC");
    expect(formatSuspensionLength(null, null)).toBe("permanent");
  });

  it("a report's outcome never names the moderator and says what happened", () => {
    const acted = reportOutcomeNotice({ resolution: "remove_comment", threadTitle: "Point", commentBody: "**Bold** claim here", href: "/t/x" });
    expect(acted).toMatchObject({
      kind: "report_acted",
      body: "You reported a comment on “Point” (“Bold claim here”). The comment was removed. Thank you for reporting it.",
    });
    expect(reportOutcomeNotice({ resolution: "approve_comment", threadTitle: "P", commentBody: null, href: "/t/x" }).kind).toBe("report_dismissed");
  });
});
