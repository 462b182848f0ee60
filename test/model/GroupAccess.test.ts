import { describe, expect, it } from "vitest";
import { GroupAccess } from "../../src/model/GroupAccess.js";
import { Access } from "../../src/model/WorldObserver.js";

describe("GroupAccess", () => {
  it("starts every group Up with its Up stretch at 0", () => {
    const groups = new GroupAccess(2);
    expect(groups.of(1)).toBe(Access.Up);
    expect(groups.isUp(1)).toBe(true);
    expect(groups.since(1)).toBe(0);
    expect(groups.upStart(1)).toBe(0);
  });

  it("keeps the outage's start and window through a settlement, and restarts the Up stretch on return", () => {
    const groups = new GroupAccess(1);
    groups.settledUntil(0, 50);
    groups.leaveUp(0, 100);
    groups.set(0, Access.Down);
    expect(groups.isUp(0)).toBe(false);
    expect(groups.outageStart(0)).toBe(100);
    groups.settledUntil(0, 130); // the window start moves with it
    expect(groups.returnUp(0, 160)).toEqual({ startMs: 100, windowStartMs: 130 });
    groups.set(0, Access.Up);
    expect(groups.since(0)).toBe(160);
    expect(groups.upStart(0)).toBe(160);
    expect(groups.outageStart(0)).toBe(100);
  });
});
