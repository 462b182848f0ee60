/**
 * compileMailPolicy: the mail part of the world spec (sender mix, MX spool, diurnal profile)
 * from a validated scenario. Sender rules become `RetrySchedule`s here, once, through the
 * scenario layer's own Exim-rule parser, so the model that runs never parses text. Shares
 * are normalised to sum exactly to 1 so rounding in `50%`-style inputs cannot leak
 * probability mass.
 */
import { MS_PER_DAY } from "../../engine/time.js";
import { parseEximRule } from "../../scenario/eximRule.js";
import type { RetrySpec, Scenario, SenderSpec } from "../../scenario/schema.js";
import type { MailPolicy, SenderClass } from "./DeferredMail.js";
import { DiurnalProfile } from "./DiurnalProfile.js";
import {
  backoffSchedule,
  eximSchedule,
  fixedSchedule,
  presetSchedule,
  type RetrySchedule,
} from "./RetrySchedule.js";

export function compileMailPolicy(scenario: Scenario): MailPolicy {
  const coverMs = scenario.horizon + 30 * MS_PER_DAY;
  const total = scenario.senders.reduce((sum, s) => sum + s.share, 0);
  const senders: SenderClass[] = scenario.senders.map((s) => ({
    share: s.share / total,
    schedule: scheduleOf(s, coverMs),
  }));
  const diurnal = scenario.fleet.diurnal;
  return {
    senders,
    spoolAcceptForMs: scenario.mx.spool.acceptFor,
    spoolHoldMaxMs: scenario.mx.spool.holdMax,
    spoolCapacityMessages: scenario.mx.spool.capacityMessages ?? Number.POSITIVE_INFINITY,
    diurnal: typeof diurnal === "string" ? DiurnalProfile.preset(diurnal) : new DiurnalProfile(diurnal),
    horizonMs: scenario.horizon,
  };
}

function scheduleOf(sender: SenderSpec, coverMs: number): RetrySchedule {
  if (sender.retry !== undefined) return customSchedule(sender.name ?? "custom", sender.retry, coverMs);
  return presetSchedule(sender.mta!, coverMs);
}

function customSchedule(name: string, retry: RetrySpec, coverMs: number): RetrySchedule {
  if ("backoff" in retry) {
    const b = retry.backoff;
    return backoffSchedule(name, b.first, b.max, b.lifetime, b.giveUp);
  }
  if ("fixed" in retry)
    return fixedSchedule(name, retry.fixed.every, retry.fixed.lifetime, retry.fixed.giveUp);
  const rules = parseEximRule(retry.perHost.rule);
  const lifetimeMs = retry.perHost.lifetime ?? rules[rules.length - 1]!.cutoffMs;
  return eximSchedule(name, rules, lifetimeMs, coverMs);
}
