import { describe, expect, it } from "vitest";
import { metrics, routeOf } from "./metrics";

describe("routeOf", () => {
  it.each([
    ["/", "/"],
    ["/t/abc123", "/t/[threadId]"],
    ["/t/abc/feed.xml", "/t/[threadId]/feed.xml"],
    ["/t/abc/c/def/vote", "/t/[threadId]/c/[commentId]/vote"],
    ["/api/threads/abc/events?since=x", "/api/threads/[threadId]/events"],
    ["/a/slug/digest.json", "/a/[slug]/digest.json"],
    ["/mod/log", "/mod/log"],
    ["/wp-admin/setup.php", "other"],
  ])("%s → %s (no id ever becomes a label)", (path, route) => {
    expect(routeOf(path)).toBe(route);
  });
});

describe("metrics", () => {
  it("exposes the counters Prometheus scrapes", async () => {
    metrics().commentsPosted.inc();
    metrics().moderationActions.inc({ action: "hide_comment" });
    const text = await metrics().registry.metrics();
    expect(text).toMatch(/agora_comments_posted_total \d/);
    expect(text).toContain('agora_moderation_actions_total{action="hide_comment"}');
    expect(text).toContain("agora_http_request_duration_seconds");
    expect(text).toContain("agora_db_query_duration_seconds");
  });
});
