/**
 * backendOfSlot: which backend a global slot belongs to. The world numbers every backend's
 * slots one after another; `slotOffset[b]` is backend b's first global slot.
 */
export function backendOfSlot(slotOffset: readonly number[], slot: number): number {
  let b = 0;
  while (b + 1 < slotOffset.length && slotOffset[b + 1]! <= slot) b++;
  return b;
}
