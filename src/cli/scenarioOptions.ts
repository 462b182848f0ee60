/**
 * The options every command that loads and runs a scenario shares: `--max-memory` (the memory
 * guard), `--max-events` (a hard stop for a run far bigger than estimated) and `--plugin` (backend plugins, loaded before the scenario is read), worded the
 * same everywhere: `run`, `check` and `replay` use it.
 */
import type { Command } from "commander";
import { loadBackendPlugin } from "../experiment/loadPlugin.js";
import { repeatable, sizeOption, wholeNumberOption } from "./parseOptions.js";

export interface ScenarioFlags {
  maxMemory?: number;
  maxEvents?: number;
  plugin?: string[];
}

export function withScenarioOptions(command: Command): Command {
  return command
    .option(
      "--max-memory <size>",
      "refuse scenarios estimated to need more memory than this (default 8GB)",
      sizeOption("--max-memory"),
    )
    .option(
      "--max-events <n>",
      "stop a run that goes past this many simulation events, with a message (default: no limit)",
      wholeNumberOption("--max-events", "events", Number.MAX_SAFE_INTEGER),
    )
    .option(
      "--plugin <file>",
      "load a backend plugin (an ES module) before the scenario; repeatable",
      repeatable(String),
    );
}

/** The run options these flags set (the memory guard and the event limit). */
export function runLimits(flags: ScenarioFlags): { memoryLimitBytes?: number; maxEvents?: number } {
  return {
    ...(flags.maxMemory !== undefined ? { memoryLimitBytes: flags.maxMemory } : {}),
    ...(flags.maxEvents !== undefined ? { maxEvents: flags.maxEvents } : {}),
  };
}

/** Loads the `--plugin` files, in order, so the scenario read next may use their kinds. */
export async function loadPlugins(flags: ScenarioFlags): Promise<void> {
  for (const file of flags.plugin ?? []) await loadBackendPlugin(file);
}
