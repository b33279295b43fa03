import { describe, expect, it } from "vitest";
import { topCommentHeading } from "./stance-labels";

describe("the digest's heading over a stance's comment", () => {
  it("says 'most upvoted' only once someone has upvoted it", () => {
    expect(topCommentHeading("agrees", 3)).toBe("Agrees: most upvoted");
    expect(topCommentHeading("context", 1)).toBe("Adds context: most upvoted");
  });

  it("says the comment was said first, not that it is the top one, while nobody has upvoted any", () => {
    expect(topCommentHeading("disagrees", 0)).toBe("Disagrees: said first (no upvotes yet)");
  });
});
