/**
 * faultTargets: the targets a `check` fault model may hit, expanded from its
 * `check.faults.targets` patterns (or the default, every node of every backend) into the
 * plain targets explicit faults use: `backend`, `backend/cluster/N`, `backend/node/N`,
 * `backend/slot/N`. A pattern may write `*` for N: every index.
 *
 * The list comes out narrowest first — slots, nodes, clusters, whole backends — each in the
 * order written, without repeats, because a drawn target shrinks toward the front of the
 * list and a fault on fewer nodes is the smaller counterexample.
 *
 * Contract: a pattern that names no backend, a kind other than node/cluster/slot, or an
 * index out of range is one InputError at `check.faults.targets[i]`, naming the forms.
 */
import { InputError } from "./InputError.js";
import type { Scenario } from "./schema.js";
import { topologyOf } from "./topology.js";

/** Above this many expanded targets the pattern list is refused (a `slot/*` of a huge backend). */
const MAX_TARGETS = 1_000_000;

const WIDTH_RANK: Readonly<Record<string, number>> = { slot: 0, node: 1, cluster: 2, backend: 3 };

export function expandFaultTargets(scenario: Scenario): string[] {
  const patterns = scenario.check?.faults.targets ?? Object.keys(scenario.backends).map((b) => `${b}/node/*`);
  const expanded = patterns.flatMap((pattern, i) =>
    expandPattern(pattern, scenario, `check.faults.targets[${i}]`),
  );
  if (expanded.length > MAX_TARGETS) {
    throw InputError.at(
      "check.faults.targets",
      `at most ${MAX_TARGETS} targets once expanded`,
      expanded.length,
    );
  }
  const rank = (target: string) => WIDTH_RANK[target.split("/")[1] ?? "backend"]!;
  // Array.prototype.sort is stable, so equal widths keep the order written.
  return [...new Set(expanded)].sort((a, b) => rank(a) - rank(b));
}

function expandPattern(pattern: string, scenario: Scenario, path: string): string[] {
  const [backendName = "", kind, index, ...rest] = pattern.split("/");
  const backend = Object.hasOwn(scenario.backends, backendName) ? scenario.backends[backendName] : undefined;
  if (backend === undefined) {
    const names = Object.keys(scenario.backends).join(", ");
    throw InputError.at(path, `a target on one of the backends ${names}`, pattern);
  }
  if (kind === undefined) return [backendName];
  const shape = topologyOf(backend);
  const limit = ({ node: shape.nodes, cluster: shape.clusters, slot: shape.slots } as Record<string, number>)[
    kind
  ];
  const n = index !== undefined && /^\d+$/.test(index) ? Number(index) : -1;
  const valid = limit !== undefined && rest.length === 0 && (index === "*" || (n >= 0 && n < limit));
  if (!valid) {
    const forms =
      `"${backendName}", "${backendName}/node/N" (N < ${shape.nodes}), ` +
      `"${backendName}/cluster/N" (N < ${shape.clusters}) or "${backendName}/slot/N" (N < ${shape.slots}), ` +
      "with * for every N";
    throw InputError.at(path, forms, pattern);
  }
  if (index !== "*") return [pattern];
  return Array.from({ length: limit }, (_, i) => `${backendName}/${kind}/${i}`);
}
