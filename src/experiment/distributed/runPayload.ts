/**
 * What a BullMQ job carries from the coordinator to a worker: everything one run needs
 * (the validated scenario, the strategy, the variant, the seed, the plugin files, the memory limit), as
 * lossless JSON (cache/losslessJson.ts) so that no number changes on the way; and the run's
 * figures on the way back, the same way.
 *
 * Contract: `decodeRunPayload(encodeRunPayload(p))` equals `p`; the worker checks that the
 * payload hashes to the job's id (the unit key) before running it, so a worker whose plugin
 * files differ from the coordinator's refuses the job instead of answering for another run.
 */
import type { RunFigures } from "../../metrics/runFigures.js";
import type { Scenario } from "../../scenario/schema.js";
import { losslessJson, parseLosslessJson } from "../cache/losslessJson.js";

export interface RunPayload {
  scenario: Scenario;
  strategy: string | undefined;
  variant: string | undefined;
  seed: string;
  /** Plugin files as the coordinator saw them (absolute paths): the workers must have the same files there. */
  plugins: readonly string[];
  memoryLimitBytes: number | undefined;
}

/** The job's data: one string, so BullMQ's own JSON does not touch the numbers inside. */
export interface RunJobData {
  payload: string;
}

export function encodeRunPayload(payload: RunPayload): RunJobData {
  return { payload: losslessJson(payload) };
}

export function decodeRunPayload(data: RunJobData): RunPayload {
  return parseLosslessJson(data.payload) as RunPayload;
}

export function encodeFigures(figures: RunFigures): string {
  return losslessJson(figures);
}

export function decodeFigures(returnvalue: unknown): RunFigures {
  if (typeof returnvalue !== "string")
    throw new Error(`a worker returned ${typeof returnvalue}, not run figures`);
  return parseLosslessJson(returnvalue) as RunFigures;
}

/** A failure a worker reports with this prefix is the user's to fix (an InputError), not a bug. */
export const INPUT_ERROR_PREFIX = "InputError: ";
