/**
 * scheduleCode: a fault schedule as one shell-safe word (base64url of its JSON), so that a
 * replay command fits on one line and needs no quoting. The code holds the schedule itself,
 * not fast-check's seed and path, so a replay depends only on the scenario file and the
 * schedule — not on the fast-check version or on the fault model that drew it.
 *
 * Contract: `decodeSchedule(encodeSchedule(s))` deep-equals `s`. A code that is not base64url
 * JSON of a list is one InputError naming the option; the entries themselves are validated
 * by `withFaults` like any `faults:` entry.
 */
import { describeValue, InputError } from "../../scenario/InputError.js";
import type { FaultSchedule } from "./FaultSchedule.js";

/** A fault schedule as a short URL-safe code, for `maildrill replay --schedule`. */
export function encodeSchedule(schedule: FaultSchedule): string {
  return Buffer.from(JSON.stringify(schedule), "utf8").toString("base64url");
}

/** Decodes a schedule code from `encodeSchedule`; a bad code throws `InputError` naming `option`. */
export function decodeSchedule(code: string, option = "--schedule"): FaultSchedule {
  const expected = "a schedule code as printed by maildrill check";
  if (!/^[A-Za-z0-9_-]*$/.test(code)) throw InputError.at(option, expected, code);
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(code, "base64url").toString("utf8"));
  } catch {
    throw InputError.at(option, expected, code);
  }
  if (!Array.isArray(data))
    throw InputError.at(option, `${expected} (a list of faults)`, describeValue(data));
  return data as FaultSchedule;
}
