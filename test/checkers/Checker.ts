/**
 * Checker: the base of the test-side invariant checkers (TigerBeetle-style: one checker per
 * invariant, attached to every world-level test run through test/helpers/checkedRun.ts).
 *
 * A checker hears every `WorldObserver` call the world makes (before the run recorder does),
 * storage events with their detail included, keeps its own bookkeeping — never the recorder's — and fails fast:
 * the first violation throws a `CheckerViolation` that names the checker, so a planted bug
 * is reported by the checker that exists for it. `finish()` runs the end-of-run checks.
 *
 * Every observer method is a no-op here; a checker overrides the ones its invariant needs.
 */
import type {
  Access,
  BounceSource,
  ExitBatch,
  FinalClass,
  StoredClass,
  WorldObserver,
} from "../../src/model/WorldObserver.js";

export type EventDetail = Readonly<Record<string, number | string>>;

export class CheckerViolation extends Error {
  constructor(
    readonly checker: string,
    detail: string,
  ) {
    super(`${checker}: ${detail}`);
    this.name = "CheckerViolation";
  }
}

export abstract class Checker implements WorldObserver {
  abstract readonly name: string;

  protected fail(detail: string): never {
    throw new CheckerViolation(this.name, detail);
  }

  /** The run is over: end-of-run checks. */
  finish(): void {}

  accessChanged(
    _timeMs: number,
    _group: number,
    _from: Access,
    _to: Access,
    _mailboxes: number,
    _loginsPerDay: number,
  ): void {}
  groupResized(_timeMs: number, _group: number, _mailboxes: number, _loginsPerDay: number): void {}
  arrived(_count: number): void {}
  storedIntact(_count: number): void {}
  deliveredLate(_batch: ExitBatch): void {}
  bounced(_batch: ExitBatch, _source: BounceSource): void {}
  pendingAtHorizon(_batch: ExitBatch): void {}
  classified(_count: number, _ledgerClass: FinalClass): void {}
  reclassified(_count: number, _from: StoredClass | "pending", _to: FinalClass): void {}
  dataRestored(_timeMs: number, _group: number, _mailboxes: number, _lostAtMs: number): void {}
  historyPending(_timeMs: number, _group: number, _mailboxes: number, _pending: boolean): void {}
  restoreQueueTotals(_jobsInSystemIntegralMs: number, _sojournSumMs: number): void {}
  dataLost(_timeMs: number, _group: number, _mailboxes: number): void {}
  storageEvent(_kind: string, _timeMs: number, _detail: EventDetail): void {}
}
