/**
 * operatorCommands: the manual commands of a `steps` plan (`operator: [{ at, action }]`), as
 * Argo Rollouts' `promote` and `abort`. Each takes effect the operators' decision time
 * (`migration.decision`) after it is issued: a `promote` ends the pause the rollout is in
 * (timed, or `pause: {}` which waits for nothing else) and is ignored outside a pause; an
 * `abort` rolls every moved unit back, as a failed gate does under `onIncident: rollback`.
 *
 * Contract: schedules one event per command, in the listed order (so two commands at one time
 * act in that order); commands past the horizon never act.
 */
import type { Simulation } from "../engine/Simulation.js";
import type { OperatorCommand } from "./compilePlan.js";

export function scheduleOperatorCommands(
  sim: Simulation,
  commands: readonly OperatorCommand[],
  decisionMs: number,
  act: (action: OperatorCommand["action"]) => void,
): void {
  for (const command of commands) sim.callAt(command.atMs + decisionMs, () => act(command.action));
}
