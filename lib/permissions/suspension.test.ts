import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestUser } from "@/lib/testing/factories";
import { isStaffRole } from "./roles";
import { activeSuspensionWhere, hasActiveSuspension, isSuspensionActive } from "./suspension";

const now = new Date("2026-12-05T12:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe("whether a suspension is running", () => {
  it.each([
    ["permanent", { until: null, permanent: true }, true],
    ["ends in a minute", { until: minutes(1), permanent: false }, true],
    ["ends in a minute, as the session's ISO string", { until: minutes(1).toISOString(), permanent: false }, true],
    ["ended a minute ago", { until: minutes(-1), permanent: false }, false],
    ["ends right now", { until: now, permanent: false }, false],
    ["none", { until: null, permanent: false }, false],
  ] as const)("%s → %s", (_label, suspension, expected) => {
    expect(isSuspensionActive(suspension, now)).toBe(expected);
    if (typeof suspension.until !== "string") {
      expect(hasActiveSuspension({ suspendedUntil: suspension.until, suspendedPermanently: suspension.permanent }, now)).toBe(expected);
    }
  });

  it("the filter that lists suspended members agrees with the rule, row by row", async () => {
    const rows = [
      { suspendedUntil: null, suspendedPermanently: true },
      { suspendedUntil: minutes(5), suspendedPermanently: false },
      { suspendedUntil: minutes(-5), suspendedPermanently: false },
      { suspendedUntil: null, suspendedPermanently: false },
    ];
    const ids: string[] = [];
    for (const [i, row] of rows.entries()) {
      const user = await createTestUser(`Suspension case ${i}`);
      await db.user.update({ where: { id: user.id }, data: row });
      ids.push(user.id);
    }
    const listed = await db.user.findMany({ where: { id: { in: ids }, ...activeSuspensionWhere(now) }, select: { id: true } });
    expect(new Set(listed.map((user) => user.id))).toEqual(new Set(ids.filter((_, i) => hasActiveSuspension(rows[i]!, now))));
    expect(listed).toHaveLength(2);
  });
});

describe("staff", () => {
  it.each([
    ["member", false],
    ["editor", true],
    ["moderator", true],
    ["admin", true],
  ] as const)("a %s is staff: %s (never held for review, never slowed)", (role, expected) => {
    expect(isStaffRole(role)).toBe(expected);
  });
});
