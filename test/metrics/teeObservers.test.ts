import { describe, expect, it } from "vitest";
import { teeObservers } from "../../src/metrics/teeObservers.js";
import type { WorldObserver } from "../../src/model/WorldObserver.js";

/** An observer that writes down every call as `name:method(args)`. */
function spy(name: string, calls: string[]): WorldObserver {
  return new Proxy({} as WorldObserver, {
    get:
      (_, method) =>
      (...args: unknown[]) =>
        calls.push(`${name}:${String(method)}(${args.join(",")})`),
  });
}

describe("teeObservers", () => {
  it("passes every report to each observer, in the order given, with the same arguments", () => {
    const calls: string[] = [];
    const tee = teeObservers(spy("a", calls), spy("b", calls));
    tee.accessChanged(5, 1, 0, 2, 10, 3);
    tee.storedIntact(7);
    tee.storageEvent("bug-trigger", 9, { bug: "x" });
    expect(calls).toEqual([
      "a:accessChanged(5,1,0,2,10,3)",
      "b:accessChanged(5,1,0,2,10,3)",
      "a:storedIntact(7)",
      "b:storedIntact(7)",
      "a:storageEvent(bug-trigger,9,[object Object])",
      "b:storageEvent(bug-trigger,9,[object Object])",
    ]);
  });

  it("is the observer itself when there is only one", () => {
    const only = spy("a", []);
    expect(teeObservers(only)).toBe(only);
  });
});
