/**
 * `npx tsx bench/parseWorstCases.ts`: the scenario loader on the inputs that are slow for the
 * YAML parser (flow-collection floods, deep nesting, many keys, many errors), each sized just
 * under the pre-scan's limits (src/scenario/preScanYaml.ts) or at the 1 MB cap. Prints the
 * time and the outcome of each; docs/reliability.md records a run. The claim it checks: any
 * file up to the cap is refused or accepted within 2 s. Nothing here asserts a speed.
 */
import { parseScenarioText } from "../src/scenario/loadScenario.js";

const MB = 1024 * 1024 - 100;
const fill = (unit: string, prefix = "") => {
  const lines = Math.max(1, (unit.match(/\n/g) ?? []).length + (unit.match(/,/g) ?? []).length);
  const n = Math.min(
    Math.floor((MB - prefix.length) / unit.length),
    Math.floor(4_990 / lines),
    unit.includes("[") || unit.includes("{") ? 1_990 : 1e9,
  );
  return prefix + unit.repeat(n);
};
const cases: [string, string][] = [
  ["a: [][]…", fill("[]", "a: ")],
  ["a: {}{}…", fill("{}", "a: ")],
  ["deep [[[", "a: " + "[".repeat(100000)],
  ["flow list of numbers", fill("1,", "a: [") + "1]"],
  ["block list", fill("  - 1\n", "a:\n")],
  [
    "block map keys",
    Array.from({ length: 4990 }, (_, i) => `k${i}: 1`)
      .join("\n")
      .slice(0, MB),
  ],
  ["nested maps a: b: c:", fill("a: b: c:\n")],
  ["comments", fill("# x\n")],
  ["long string", fill("x", "a: ")],
  ["deep block", Array.from({ length: 250 }, (_, i) => " ".repeat(i) + "k:").join("\n")],
  ["many small flow lists", fill("- [1, 2]\n", "a:\n")],
  ["quoted strings list", fill('- "x"\n', "a:\n")],
  ["anchors", fill("- &a 1\n", "a:\n")],
  ["aliases", "x: &a 1\n" + fill("- *a\n", "a:\n")],
  [
    "json object keys",
    "{" +
      Array.from({ length: 4990 }, (_, i) => `"k${i}": 1`)
        .join(",")
        .slice(0, MB - 10) +
      "}",
  ],
  ["question keys", fill("? a\n: 1\n")],
  ["tags", fill("- !!str 1\n", "a:\n")],
  ["flow seq 1990 of [1]", "a: [" + "[1],".repeat(1990) + "1]"],
  ["errors: unclosed quotes", fill("a: 'b\n")],
  ["tabs indentation", fill("\tk: 1\n")],
  ["documents ---", fill("---\n")],
];
for (const [label, text] of cases) {
  const t = performance.now();
  let out = "accepted";
  try {
    parseScenarioText(text, "f.yaml");
  } catch (e) {
    out = (e as Error).message.slice(0, 90);
  }
  console.log(
    `${label.padEnd(24)} ${(text.length / 1024).toFixed(0).padStart(5)} KB ${Math.round(performance.now() - t)
      .toString()
      .padStart(6)} ms  ${out}`,
  );
}
