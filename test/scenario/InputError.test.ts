/**
 * InputError messages are safe to print and short: echoed keys and values cannot drive the
 * terminal (ESC, NUL, BEL, DEL, C1, bidi overrides are escaped), a message is cut to a bounded
 * length, a path quotes keys that are not plain names, and the sender-retry forms appear only
 * at a `retry`.
 */
import { describe, expect, it } from "vitest";
import { formatPath, InputError, safeLine } from "../../src/scenario/InputError.js";
import { parseScenarioText } from "../../src/scenario/loadScenario.js";
import { inputErrorOf } from "../helpers/inputErrorOf.js";

const BASE =
  "name: x\nhorizon: 1d\nfleet: { mailboxes: 10 }\nbackends: { filer: { kind: filer, nodes: 2 } }\n";

/** The control characters (C0, DEL, C1) in a text. */
function controls(text: string): string[] {
  return [...text].filter((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
}

function messageOf(text: string): string {
  return inputErrorOf(() => parseScenarioText(text, "f.yaml"));
}

describe("safe, short messages", () => {
  it("escapes control characters and bidi overrides, and keeps one line", () => {
    expect(safeLine("a\u001b[2Jb\u0000c\u0007d\u007fe\u009bf\u202eg\nh\ti")).toBe(
      "a\\x1b[2Jb\\x00c\\x07d\\x7fe\\x9bf\\u202eg h\ti",
    );
  });

  it("cuts a message to 600 characters", () => {
    const message = new InputError(`x: expected y; found ${"z".repeat(1_000_000)}`).message;
    expect(message.length).toBe(600);
    expect(message.endsWith("...")).toBe(true);
  });

  it("escapes an unknown key full of terminal escapes, NUL and BEL", () => {
    const message = messageOf(`${BASE}"\\e[2J\\e[31mX\\0\\a": 1\n`);
    expect(message).toMatch(/found the unknown key "\\u001b\[2J\\u001b\[31mX\\u0000\\u0007"$/);
    expect(controls(message)).toEqual([]);
  });

  it("quotes and cuts a path key that is not a plain name", () => {
    expect(formatPath(["backends", "\u001b[2J", "nodes"])).toBe('backends["\\u001b[2J"].nodes');
    expect(formatPath(["backends", "k".repeat(10_000), "nodes"]).length).toBeLessThan(100);
    expect(controls(messageOf(`${BASE.replace("filer: {", '"\\e]0;x\\a": {')}`))).toEqual([]);
  });

  it("names the sender-retry forms only at senders[i].retry", () => {
    expect(messageOf(`${BASE}senders: [{ share: 100%, retry: { weekly: 1 } }]\n`)).toMatch(
      /^senders\[0\]\.retry: expected one of \{ backoff: \{\.\.\.\} \}, \{ fixed: \{\.\.\.\} \}, \{ perHost: \{\.\.\.\} \}; found/,
    );
    const diurnal = messageOf(BASE.replace("mailboxes: 10", "mailboxes: 10, diurnal: 5"));
    expect(diurnal).toBe('fleet.diurnal: expected one of "flat", "consumer", "business" or a list; found 5');
  });
});
