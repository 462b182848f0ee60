/**
 * The options every command that loads and runs a scenario shares: `--max-memory` (the memory
 * guard) and `--plugin` (backend plugins, loaded before the scenario is read), worded the
 * same everywhere: `run`, `check` and `replay` use it.
 */
import type { Command } from "commander";
import { loadBackendPlugin } from "../experiment/loadPlugin.js";
import { repeatable, sizeOption } from "./parseOptions.js";

export interface ScenarioFlags {
  maxMemory?: number;
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
      "--plugin <file>",
      "load a backend plugin (an ES module) before the scenario; repeatable",
      repeatable(String),
    );
}

/** Loads the `--plugin` files, in order, so the scenario read next may use their kinds. */
export async function loadPlugins(flags: ScenarioFlags): Promise<void> {
  for (const file of flags.plugin ?? []) await loadBackendPlugin(file);
}
