/**
 * NoNegativePopulations: no count is ever negative or fractional — a batch, a class
 * population after a reclassification (stored intact, delivered late, pending), a group's
 * mailboxes or logins. A loss that reclassifies messages that were never stored, or a restore
 * that recovers more than waited for it, drives a population below zero.
 */
import type { Access, ExitBatch, FinalClass, StoredClass } from "../../src/model/WorldObserver.js";
import { Checker } from "./Checker.js";

type Population = StoredClass | "pending";

export class NoNegativePopulations extends Checker {
  readonly name = "no-negative-populations";
  private readonly population: Record<Population, number> = { storedIntact: 0, deliveredLate: 0, pending: 0 };

  override accessChanged(
    _timeMs: number,
    group: number,
    _from: Access,
    _to: Access,
    mailboxes: number,
    loginsPerDay: number,
  ): void {
    this.groupTotals(group, mailboxes, loginsPerDay);
  }

  override groupResized(_timeMs: number, group: number, mailboxes: number, loginsPerDay: number): void {
    this.groupTotals(group, mailboxes, loginsPerDay);
  }

  override arrived(count: number): void {
    this.count("arrived", count);
  }

  override storedIntact(count: number): void {
    this.add("storedIntact", count);
  }

  override deliveredLate(batch: ExitBatch): void {
    this.add("deliveredLate", batch.count);
  }

  override bounced(batch: ExitBatch): void {
    this.count("bounced", batch.count);
  }

  override pendingAtHorizon(batch: ExitBatch): void {
    this.add("pending", batch.count);
  }

  override classified(count: number, ledgerClass: FinalClass): void {
    if (ledgerClass === "pending") this.add("pending", count);
    else this.count(ledgerClass, count);
  }

  override reclassified(count: number, from: Population, to: FinalClass): void {
    this.count(`reclassified from ${from}`, count);
    this.population[from] -= count;
    if (this.population[from] < 0)
      this.fail(`${from} went to ${this.population[from]} after ${count} moved to ${to}`);
    if (to === "pending") this.population.pending += count;
  }

  override dataLost(_timeMs: number, group: number, mailboxes: number): void {
    this.count(`mailboxes lost in group ${group}`, mailboxes);
  }

  private add(population: Population, count: number): void {
    this.count(population, count);
    this.population[population] += count;
  }

  private count(what: string, count: number): void {
    if (!Number.isSafeInteger(count) || count < 0) this.fail(`${what}: a count of ${count}`);
  }

  private groupTotals(group: number, mailboxes: number, loginsPerDay: number): void {
    if (!(mailboxes >= 0) || !(loginsPerDay >= 0))
      this.fail(`group ${group} has ${mailboxes} mailboxes and ${loginsPerDay} logins per day`);
  }
}
