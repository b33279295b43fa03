import { describe, expect, it } from "vitest";
import { instanceId, readNotification } from "./instance-notify";

describe("a notification between instances", () => {
  it("names its sender, and this process knows its own echo", () => {
    expect(readNotification(`${instanceId()} thread-1`)).toEqual({ sender: instanceId(), message: "thread-1", fromSelf: true });
    expect(readNotification("another thread-1")).toEqual({ sender: "another", message: "thread-1", fromSelf: false });
  });

  it("may carry no message (a bare 'changed')", () => {
    expect(readNotification("another")).toEqual({ sender: "another", message: undefined, fromSelf: false });
    expect(readNotification("me", "me").fromSelf).toBe(true);
  });
});
