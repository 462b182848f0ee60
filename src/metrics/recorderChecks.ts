/**
 * recorderChecks: what the run recorder's parts share — the access codes restated (metrics
 * may only import types from the model; the annotations make tsc fail if the model ever
 * renumbers them) and the argument checks that turn a model bug into an exception where it
 * is made.
 */
import type { Access } from "../model/WorldObserver.js";

export const UP: (typeof Access)["Up"] = 0;
export const READ_ONLY: (typeof Access)["ReadOnly"] = 1;
export const DOWN: (typeof Access)["Down"] = 2;
export const ACCESS_NAMES = ["Up", "ReadOnly", "Down"] as const;

export function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`RunRecorder: a message count must be a non-negative integer; found ${count}`);
  }
}

export function checkNonNegative(what: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`RunRecorder: ${what} is ${value}`);
}
