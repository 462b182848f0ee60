/**
 * AvailabilityRecorder: the availability part of a run's measurements — a step function of
 * time. It keeps, per group, its access and its mailboxes and logins, and the fleet's
 * current totals (mailboxes unavailable, unreadable, logins unavailable); whenever time
 * advances it charges them for the interval just ended and samples the timeline in it. The
 * totals are right-continuous: the state "at t" is the state after every change reported at
 * t, so a group that goes down and another that comes back at the same millisecond never add
 * up to a peak that no one saw.
 *
 * Contract: it owns the run's clock and each group's recorded access, so it is where a model
 * bug shows first — time going backwards or past the horizon, a group or count out of range,
 * a `from` that disagrees with the recorded access: each throws before anything changed.
 * It knows nothing of episodes or messages.
 */
import { MS_PER_HOUR } from "../engine/time.js";
import type { Access, WorldObserver } from "../model/WorldObserver.js";
import type { Availability } from "./RunMeasurements.js";
import { ACCESS_NAMES, checkNonNegative, DOWN, READ_ONLY, UP } from "./recorderChecks.js";

/** A timeline this long would cost more memory than the run itself: the step is a mistake. */
const MAX_TIMELINE_SAMPLES = 10_000_000;

export interface AvailabilityOptions {
  horizonMs: number;
  timelineStepMs: number;
  /** Fleet size: the denominator of fleet availability. */
  mailboxes: number;
  /** Fleet logins per day: the denominator of login-weighted availability. */
  loginsPerDayTotal: number;
  groupCount: number;
  initialGroupMailboxes: Int32Array | number[];
  initialGroupLoginsPerDay: Float64Array | number[];
}

export class AvailabilityRecorder {
  readonly horizonMs: number;
  readonly groupCount: number;
  private readonly fleetMailboxes: number;
  private readonly fleetLoginsPerDay: number;
  private readonly access: Uint8Array;
  private readonly groupMailboxes: Float64Array;
  private readonly groupLoginsPerDay: Float64Array;

  private nowMs = 0;
  private groupsUnavailable = 0;
  private groupsUnreadable = 0;
  private mailboxesUnavailable = 0;
  private mailboxesUnreadable = 0;
  private loginsPerDayUnavailable = 0;
  private unavailableMailboxMs = 0;
  private unreadableMailboxMs = 0;
  private unavailableLoginsPerDayMs = 0;
  private peakMailboxesUnavailable = 0;
  private readonly timelineStepMs: number;
  private readonly timeline: Float64Array;
  private timelineFilled = 0;

  constructor(options: AvailabilityOptions) {
    const { horizonMs, timelineStepMs, groupCount } = options;
    checkNonNegative("horizonMs", horizonMs);
    if (!(timelineStepMs > 0) || horizonMs / timelineStepMs >= MAX_TIMELINE_SAMPLES) {
      throw new RangeError(`RunRecorder: timelineStepMs ${timelineStepMs} for a horizon of ${horizonMs} ms`);
    }
    checkNonNegative("mailboxes", options.mailboxes);
    checkNonNegative("loginsPerDayTotal", options.loginsPerDayTotal);
    if (!Number.isInteger(groupCount) || groupCount < 0) {
      throw new RangeError(`RunRecorder: groupCount is ${groupCount}`);
    }
    for (const name of ["initialGroupMailboxes", "initialGroupLoginsPerDay"] as const) {
      if (options[name].length !== groupCount) {
        throw new RangeError(
          `RunRecorder: ${name} has ${options[name].length} entries for ${groupCount} groups`,
        );
      }
    }
    this.horizonMs = horizonMs;
    this.fleetMailboxes = options.mailboxes;
    this.fleetLoginsPerDay = options.loginsPerDayTotal;
    this.groupCount = groupCount;
    this.access = new Uint8Array(groupCount);
    this.groupMailboxes = Float64Array.from(options.initialGroupMailboxes);
    this.groupLoginsPerDay = Float64Array.from(options.initialGroupLoginsPerDay);
    this.timelineStepMs = timelineStepMs;
    this.timeline = new Float64Array(Math.floor(horizonMs / timelineStepMs) + 1);
  }

  /** The group's access changed at `timeMs` (checked against the recorded one). */
  accessChanged(...change: Parameters<WorldObserver["accessChanged"]>): void {
    const [timeMs, group, from, to, mailboxes, loginsPerDay] = change;
    this.advanceTo(timeMs);
    this.checkGroup(group, mailboxes, loginsPerDay);
    if (to !== UP && to !== READ_ONLY && to !== DOWN) throw new RangeError(`RunRecorder: access ${to}`);
    const was = this.access[group] as Access;
    if (was !== from) {
      throw new Error(
        `RunRecorder: group ${group} is ${ACCESS_NAMES[was]}, reported as ${ACCESS_NAMES[from]}`,
      );
    }
    this.setGroup(group, to, mailboxes, loginsPerDay);
  }

  groupResized(timeMs: number, group: number, mailboxes: number, loginsPerDay: number): void {
    this.advanceTo(timeMs);
    this.checkGroup(group, mailboxes, loginsPerDay);
    this.setGroup(group, this.access[group] as Access, mailboxes, loginsPerDay);
  }

  accessOf(group: number): Access {
    return this.access[group] as Access;
  }

  mailboxesOf(group: number): number {
    return this.groupMailboxes[group]!;
  }

  /** Charges the fleet's current state for [nowMs, timeMs) and samples the timeline in it. */
  advanceTo(timeMs: number): void {
    if (!(timeMs >= this.nowMs && timeMs <= this.horizonMs)) {
      throw new RangeError(`RunRecorder: time ${timeMs} ms is outside [${this.nowMs}, ${this.horizonMs}]`);
    }
    if (timeMs === this.nowMs) return;
    this.sampleTimelineBefore(timeMs);
    const elapsedMs = timeMs - this.nowMs;
    this.unavailableMailboxMs += this.mailboxesUnavailable * elapsedMs;
    this.unreadableMailboxMs += this.mailboxesUnreadable * elapsedMs;
    this.unavailableLoginsPerDayMs += this.loginsPerDayUnavailable * elapsedMs;
    this.peakMailboxesUnavailable = Math.max(this.peakMailboxesUnavailable, this.mailboxesUnavailable);
    this.nowMs = timeMs;
  }

  /** Samples at k·step < timeMs see the state that held since the last change. */
  private sampleTimelineBefore(timeMs: number): void {
    const samples = this.timeline;
    while (this.timelineFilled < samples.length && this.timelineFilled * this.timelineStepMs < timeMs) {
      samples[this.timelineFilled++] = this.mailboxesUnavailable;
    }
  }

  private setGroup(group: number, access: Access, mailboxes: number, loginsPerDay: number): void {
    this.countGroup(group, -1);
    this.access[group] = access;
    this.groupMailboxes[group] = mailboxes;
    this.groupLoginsPerDay[group] = loginsPerDay;
    this.countGroup(group, +1);
  }

  /** Adds (sign +1) or removes (−1) a group's share of the fleet totals. */
  private countGroup(group: number, sign: 1 | -1): void {
    const access = this.access[group];
    if (access === UP) return;
    this.groupsUnavailable += sign;
    this.mailboxesUnavailable += sign * this.groupMailboxes[group]!;
    this.loginsPerDayUnavailable += sign * this.groupLoginsPerDay[group]!;
    if (access === DOWN) {
      this.groupsUnreadable += sign;
      this.mailboxesUnreadable += sign * this.groupMailboxes[group]!;
    }
    // Running sums of non-integers drift; when nothing is out they are exactly zero again.
    if (this.groupsUnavailable === 0) this.mailboxesUnavailable = this.loginsPerDayUnavailable = 0;
    if (this.groupsUnreadable === 0) this.mailboxesUnreadable = 0;
  }

  private checkGroup(group: number, mailboxes: number, loginsPerDay: number): void {
    if (!Number.isInteger(group) || group < 0 || group >= this.groupCount) {
      throw new RangeError(`RunRecorder: group ${group} is not in [0, ${this.groupCount})`);
    }
    checkNonNegative("mailboxes", mailboxes);
    checkNonNegative("loginsPerDay", loginsPerDay);
  }

  /** Charges up to the horizon, takes the samples at it; `mailboxesDownOver` comes from the episodes. */
  finish(mailboxesDownOver: Availability["mailboxesDownOver"]): Availability {
    this.advanceTo(this.horizonMs);
    this.sampleTimelineBefore(Number.POSITIVE_INFINITY); // the samples at exactly the horizon
    this.peakMailboxesUnavailable = Math.max(this.peakMailboxesUnavailable, this.mailboxesUnavailable);
    const fleetMs = this.fleetMailboxes * this.horizonMs;
    const loginsMs = this.fleetLoginsPerDay * this.horizonMs;
    return {
      mailboxHoursDown: this.unavailableMailboxMs / MS_PER_HOUR,
      mailboxHoursReadDown: this.unreadableMailboxMs / MS_PER_HOUR,
      mailboxHoursWriteDown: this.unavailableMailboxMs / MS_PER_HOUR,
      fleetAvailability: fleetMs > 0 ? 1 - this.unavailableMailboxMs / fleetMs : 1,
      loginWeightedAvailability: loginsMs > 0 ? 1 - this.unavailableLoginsPerDayMs / loginsMs : 1,
      peakMailboxesDown: this.peakMailboxesUnavailable,
      mailboxesDownOver,
      timeline: { stepMs: this.timelineStepMs, mailboxesDown: Array.from(this.timeline) },
    };
  }
}
