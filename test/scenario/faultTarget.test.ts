import { describe, expect, it } from "vitest";
import { parseFaultTarget, targetBackend } from "../../src/scenario/faultTarget.js";

describe("parseFaultTarget", () => {
  it("reads a whole backend, a node, a cluster and a slot", () => {
    expect(parseFaultTarget("old")).toEqual({ backend: "old", kind: "backend", index: 0 });
    expect(parseFaultTarget("old/node/3")).toEqual({ backend: "old", kind: "node", index: 3 });
    expect(parseFaultTarget("new/cluster/0")).toEqual({ backend: "new", kind: "cluster", index: 0 });
    expect(parseFaultTarget("new/slot/12")).toEqual({ backend: "new", kind: "slot", index: 12 });
  });

  it("refuses other kinds, non-digit indexes and extra parts", () => {
    for (const text of [
      "old/disk/1",
      "old/node",
      "old/node/",
      "old/node/ 1",
      "old/node/0x1",
      "old/node/1e0",
      "old/node/1/2",
      "old/backend/0",
    ])
      expect(parseFaultTarget(text), text).toBeUndefined();
  });

  it("names the backend even when the rest is malformed", () => {
    expect(targetBackend("old/disk/1")).toBe("old");
    expect(targetBackend("")).toBe("");
  });
});
