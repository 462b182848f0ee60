/**
 * openOutageBounces: the expected bounces of an outage still open are those DeferredMail gives
 * the same outage once it is settled, whatever its restore time, for every bounce time up to
 * the reading. Checked against the model itself: one outage of ~10^6 messages (spool, a
 * per-message and a per-host sender on the business diurnal profile) settled with a restore
 * after every reading, its bounces logged with their times, and the closed form within 5 σ of
 * the logged count (a Poisson count: σ = √mean, docs/validation.md).
 */
import { describe, expect, it } from "vitest";
import { RandomStream } from "../../../src/engine/RandomStreams.js";
import { BounceLog } from "../../../src/model/mail/BounceLog.js";
import { DeferredMail, type MailPolicy } from "../../../src/model/mail/DeferredMail.js";
import { DiurnalProfile } from "../../../src/model/mail/DiurnalProfile.js";
import { openOutageBounces } from "../../../src/model/mail/openOutageBounces.js";
import { backoffSchedule, eximSchedule } from "../../../src/model/mail/RetrySchedule.js";
import type { WorldObserver } from "../../../src/model/WorldObserver.js";
import { parseEximRule } from "../../../src/scenario/eximRule.js";

const HOUR_MS = 3_600_000;
const policy: MailPolicy = {
  senders: [
    { share: 0.6, schedule: backoffSchedule("fast", 5 * 60_000, HOUR_MS, 6 * HOUR_MS, "at-attempt") },
    {
      share: 0.4,
      schedule: eximSchedule(
        "exim",
        parseEximRule("F,2h,15m; G,16h,1h,1.5; F,4d,6h"),
        8 * HOUR_MS,
        10 * 24 * HOUR_MS,
      ),
    },
  ],
  spoolAcceptForMs: 2 * HOUR_MS,
  spoolHoldMaxMs: 3 * HOUR_MS,
  spoolCapacityMessages: Number.POSITIVE_INFINITY,
  diurnal: DiurnalProfile.preset("business"),
  horizonMs: 10 * 24 * HOUR_MS,
};
const outage = { startMs: 1 * HOUR_MS, windowStartMs: 1 * HOUR_MS, spoolEndMs: 3 * HOUR_MS };
const RATE_PER_MS = 1e6 / (40 * HOUR_MS);

const silent = new Proxy({}, { get: () => () => {} }) as WorldObserver;

describe("openOutageBounces", () => {
  const log = new BounceLog(policy.diurnal);
  const mail = new DeferredMail(policy, new RandomStream("test/open-outage", 7), silent, undefined, (b) =>
    log.add(b),
  );
  const restoredAtMs = 40 * HOUR_MS;
  mail.resolve(RATE_PER_MS, { ...outage, restoredAtMs }, outage.windowStartMs, restoredAtMs);

  it.each([
    [0, 4],
    [0, 9],
    [0, 12.5],
    [0, 21],
    [0, 39],
    [6, 20],
  ])("bounces with times in [%d h, %d h] match the settled outage's", (fromH, toH) => {
    const expected = openOutageBounces(policy, outage, RATE_PER_MS, fromH * HOUR_MS, toH * HOUR_MS);
    const settled = log.bouncedBetween(fromH * HOUR_MS, toH * HOUR_MS);
    expect(expected).toBeGreaterThan(toH <= 4 ? -1 : 1000); // every window but the first sees bounces
    expect(Math.abs(settled - expected)).toBeLessThan(5 * Math.sqrt(expected + 1));
  });

  it("nothing bounces before the first bounce time can come (the spool's hold, 3 h after the start)", () => {
    expect(openOutageBounces(policy, outage, RATE_PER_MS, 0, 4 * HOUR_MS - 1)).toBe(0);
    expect(log.bouncedBetween(0, 4 * HOUR_MS - 1)).toBe(0);
  });

  it("a spool still accepting at the reading spools everything so far", () => {
    const young = { ...outage, spoolEndMs: 30 * HOUR_MS }; // accepts until 30 h
    const at = 8 * HOUR_MS;
    const onlySpool = RATE_PER_MS * policy.diurnal.integralMs(outage.startMs, at - policy.spoolHoldMaxMs);
    expect(openOutageBounces(policy, young, RATE_PER_MS, 0, at)).toBeCloseTo(onlySpool, 6);
  });
});
