/**
 * UnitOrder: weights take prefixes of one order; a density step's units come next in it; the
 * rest follow by index. With weights alone it is the index order, as before density steps.
 */
import { describe, expect, it } from "vitest";
import { UnitOrder } from "../../src/rollout/UnitOrder.js";

describe("UnitOrder", () => {
  it("weights alone: the index order and the shortest prefix holding the share", () => {
    const order = new UnitOrder(10, () => 10);
    expect(order.unitsForShare(0.25)).toBe(3);
    expect(order.unitsForShare(0.1)).toBe(1);
    expect(order.unitsForShare(0)).toBe(0);
    expect(order.unitsForShare(1)).toBe(10);
    expect(order.finish()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("a density step's units come after what is listed; a later weight takes them first", () => {
    const order = new UnitOrder(10, () => 10);
    expect(order.unitsForShare(0.2)).toBe(2); // units 0, 1
    expect(order.append([7, 1, 9])).toBe(4); // 1 is already listed
    expect(order.unitsForShare(0.5)).toBe(5); // 0, 1, 7, 9, then 2
    expect(order.finish()).toEqual([0, 1, 7, 9, 2, 3, 4, 5, 6, 8]);
  });
});
