/**
 * Rules that span several fields of a scenario, checked after the schema: shares that must
 * sum to 100%, names that must resolve, fault targets that must exist. Each rule throws the
 * first problem it finds as an InputError naming the field path.
 */
import { meanOf } from "../engine/distributions.js";
import { MS_PER_DAY } from "../engine/time.js";
import { checkAnalyses } from "./checkAnalyses.js";
import { checkFaultModel } from "./checkFaultModel.js";
import { closestMatch } from "./didYouMean.js";
import { parseEximRulePart } from "./eximRule.js";
import { parseFaultTarget, targetBackend } from "./faultTarget.js";
import { InputError } from "./InputError.js";
import type { Scenario } from "./schema.js";
import { topologyOf } from "./topology.js";
import { formatDurationMs } from "./units.js";

const SHARE_TOLERANCE = 1e-9;
const MAX_TIMELINE_POINTS = 1_000_000;

export function checkScenario(s: Scenario): void {
  checkShares(
    "senders",
    s.senders.map((x) => x.share),
  );
  checkShares(
    "fleet.tiers",
    s.fleet.tiers.map((x) => x.share),
  );
  for (const [i, sender] of s.senders.entries()) checkSender(`senders[${i}]`, sender);
  const backendNames = Object.keys(s.backends);
  if (backendNames.length === 0) throw InputError.at("backends", "at least one backend", {});
  for (const [name, backend] of Object.entries(s.backends)) checkBugNames(`backends.${name}.bugs`, backend);
  if (s.placement) checkName("placement.backend", s.placement.backend, backendNames, "backend");
  if (s.protection) checkProtection(s, backendNames);
  // An explicit group count beyond the mailboxes only adds empty groups, each with its own
  // repairs and restores (2,000,000 groups for 5,000 mailboxes ran 79 s under the fuzzer).
  if (s.protection?.groups !== undefined && s.protection.groups > s.fleet.mailboxes)
    throw InputError.at(
      "protection.groups",
      `at most one group per mailbox (${s.fleet.mailboxes})`,
      s.protection.groups,
    );
  checkRollout(s, backendNames);
  for (const [i, fault] of s.faults.entries()) checkTimedTarget(`faults[${i}]`, fault, s);
  for (const [i, operation] of s.operations.entries()) checkTimedTarget(`operations[${i}]`, operation, s);
  checkFaultModel(s);
  checkMailVolume(s);
  if (s.horizon / s.timelineStep > MAX_TIMELINE_POINTS) {
    throw InputError.at(
      "timelineStep",
      `a step giving at most ${MAX_TIMELINE_POINTS} timeline points over the horizon`,
      s.timelineStep,
    );
  }
}

/** A bug is named in traces and results; two of one name on a backend would share their counters. */
function checkBugNames(path: string, backend: Scenario["backends"][string]): void {
  if ("plugin" in backend) return;
  const seen = new Set<string>();
  for (const [i, bug] of backend.bugs.entries()) {
    if (seen.has(bug.name))
      throw InputError.at(`${path}[${i}].name`, "a bug name not used before on this backend", bug.name);
    seen.add(bug.name);
  }
}

/**
 * Message counts are doubles, exact integers only below 2^53. The expected total over the
 * horizon must stay below 2^50, so the heavy tail of per-mailbox rates and Poisson draws has
 * an 8-fold margin before any count (and the ledger's sum of classes) loses exactness.
 */
const MAX_EXPECTED_MESSAGES = 2 ** 50;

function checkMailVolume(s: Scenario): void {
  const perDay = meanOf(s.fleet.inboundPerDay);
  const expected = s.fleet.mailboxes * perDay * (s.horizon / MS_PER_DAY);
  if (!(expected <= MAX_EXPECTED_MESSAGES)) {
    throw new InputError(
      `fleet.inboundPerDay: expected a mail volume below 2^50 messages over the horizon (counts are exact only below 2^53); found about ${expected.toExponential(2)} (${s.fleet.mailboxes} mailboxes at a mean of ${perDay.toPrecision(3)}/day for ${formatDurationMs(s.horizon)})`,
    );
  }
}

function checkShares(path: string, shares: number[]): void {
  const total = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > SHARE_TOLERANCE) {
    throw new InputError(`${path}: expected shares summing to 100%; found ${+(total * 100).toFixed(6)}%`);
  }
}

function checkSender(path: string, sender: Scenario["senders"][number]): void {
  if ((sender.mta === undefined) === (sender.retry === undefined)) {
    throw new InputError(
      `${path}: expected exactly one of "mta" (a preset) or "retry" (a custom schedule); found ${sender.mta ? "both" : "neither"}`,
    );
  }
  const rule = sender.retry && "perHost" in sender.retry ? sender.retry.perHost.rule : undefined;
  if (rule !== undefined) checkEximRule(`${path}.retry.perHost.rule`, rule);
}

function checkEximRule(path: string, rule: string): void {
  for (const part of rule.split(";")) {
    if (parseEximRulePart(part) === undefined)
      throw InputError.at(path, 'Exim retry rules such as "F,2h,15m; G,16h,1h,1.5; F,4d,6h"', part.trim());
  }
}

function checkName(path: string, name: string, known: string[], what: string): void {
  if (known.includes(name)) return;
  const hint = closestMatch(name, known);
  throw new InputError(
    `${path}: expected one of the ${what}s ${known.join(", ")}; found ${JSON.stringify(name)}${hint ? ` (did you mean "${hint}"?)` : ""}`,
  );
}

/** A timed, targeted entry (a fault or an operation): its target must exist, its time fall in the run. */
function checkTimedTarget(path: string, fault: { target: string; at: number }, s: Scenario): void {
  const backendName = targetBackend(fault.target);
  checkName(`${path}.target`, backendName, Object.keys(s.backends), "backend");
  checkTargetIndex(path, fault.target, backendName, s.backends[backendName]!);
  if (fault.at > s.horizon) {
    throw InputError.at(
      `${path}.at`,
      `a time within the horizon (${formatDurationMs(s.horizon)})`,
      formatDurationMs(fault.at),
    );
  }
}

function checkTargetIndex(
  path: string,
  text: string,
  backendName: string,
  backend: Scenario["backends"][string],
): void {
  const target = parseFaultTarget(text);
  if (target?.kind === "backend") return;
  const shape = topologyOf(backend);
  const limits: Record<string, number> = { node: shape.nodes, slot: shape.slots, cluster: shape.clusters };
  if (target === undefined || target.index >= limits[target.kind]!) {
    const clusterForm = shape.clusters > 1 ? `, "${backendName}/cluster/N" (N < ${shape.clusters})` : "";
    const forms =
      `"${backendName}", "${backendName}/node/N" (N < ${shape.nodes})${clusterForm}` +
      ` or "${backendName}/slot/N" (N < ${shape.slots})`;
    throw InputError.at(`${path}.target`, forms, text);
  }
}

/** Copies must name backends, fit on distinct nodes, and the quorum must be reachable. */
function checkProtection(s: Scenario, backendNames: string[]): void {
  const p = s.protection!;
  if (p.scatterWidth !== undefined && p.placement !== "copysets")
    throw InputError.at(
      "protection.scatterWidth",
      "a scatter width only with `placement: copysets`",
      p.scatterWidth,
    );
  if (s.migration !== undefined) {
    // A migrating group has one copy on each side; protection only tunes failover, repair, groups.
    if (p.copies !== undefined || p.erasure !== undefined)
      throw InputError.at(
        p.copies ? "protection.copies" : "protection.erasure",
        "no copies or erasure with a migration (each mailbox has its source copy and, once moved, its target copy)",
        p.copies ?? p.erasure,
      );
    return;
  }
  if ((p.copies === undefined) === (p.erasure === undefined)) {
    throw new InputError(
      `protection: expected exactly one of "copies" (replication) or "erasure"; found ${p.copies ? "both" : "neither"}`,
    );
  }
  const shards = p.erasure
    ? [...Array(p.erasure.data + p.erasure.parity)].map(() => p.erasure!.backend)
    : p.copies!;
  const path = p.erasure ? "protection.erasure.backend" : "protection.copies";
  for (const [i, name] of shards.entries())
    checkName(p.erasure ? path : `${path}[${i}]`, name, backendNames, "backend");
  for (const name of new Set(shards)) {
    const onBackend = shards.filter((x) => x === name).length;
    const room = topologyOf(s.backends[name]!).nodesPerGroup;
    if (onBackend > room) {
      throw InputError.at(
        path,
        `at most ${room} shards on backend "${name}" (one per node a group can use)`,
        `${onBackend} shards`,
      );
    }
  }
  const needed = p.erasure?.data ?? 1;
  if (p.quorum !== undefined && (p.quorum > shards.length || p.quorum < needed)) {
    throw InputError.at("protection.quorum", `a quorum from ${needed} to ${shards.length} shards`, p.quorum);
  }
}

function checkRollout(s: Scenario, backendNames: string[]): void {
  const m = s.migration;
  if (m === undefined) {
    if (s.strategies !== undefined)
      throw InputError.at("strategies", "a `migration` for the strategies to roll out", undefined);
    if (s.strategy !== undefined)
      throw InputError.at("strategy", "a `migration` for the strategy to roll out", undefined);
    return;
  }
  checkName("migration.from", m.from, backendNames, "backend");
  checkName("migration.to", m.to, backendNames, "backend");
  if (m.from === m.to)
    throw InputError.at("migration.to", `a backend other than the source "${m.from}"`, m.to);
  if (s.placement && s.placement.backend !== m.from)
    throw InputError.at(
      "placement.backend",
      `the migration's source "${m.from}" (mailboxes start there)`,
      s.placement.backend,
    );
  const strategies = s.strategies ?? {};
  if (s.strategies !== undefined && Object.keys(strategies).length === 0)
    throw InputError.at("strategies", "at least one strategy", {});
  if (s.strategy !== undefined) checkName("strategy", s.strategy, Object.keys(strategies), "strategy");
  for (const [name, spec] of Object.entries(strategies)) {
    const bugs = (s.backends[m.to] as { bugs?: readonly unknown[] }).bugs;
    checkAnalyses(`strategies.${name}`, spec, m.to, bugs !== undefined && bugs.length > 0);
    if (spec.kind !== "cells") continue;
    const target = s.backends[m.to]!;
    if (target.kind !== "scale-out" || !("nodesPerCluster" in target))
      throw InputError.at(
        `strategies.${name}.kind`,
        `a "scale-out" migration target for cells (found target kind "${target.kind}")`,
        spec.kind,
      );
    const nodes = target.clusters * target.nodesPerCluster;
    if (spec.cells > nodes)
      throw InputError.at(`strategies.${name}.cells`, `at most the target's ${nodes} nodes`, spec.cells);
  }
}
