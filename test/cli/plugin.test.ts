/**
 * `maildrill run --plugin` through the real CLI in a child process: the example tape-library
 * plugin runs its scenario (with `--plugin` repeated), and a missing plugin file is one line
 * and exit 2. The plugin contract itself is tested in-process in
 * test/experiment/loadPlugin.test.ts.
 */
import { describe, expect, it } from "vitest";
import { runCliQueued } from "../helpers/runCli.js";
import { scratchFolder } from "../helpers/scratchFolder.js";

const PLUGIN = "scenarios/plugins/tape-library.js";
const SCENARIO = "scenarios/plugins/tape-library.yaml";

const scratch = scratchFolder("maildrill-plugin-cli");

describe("maildrill run --plugin", () => {
  const cli = (args: string[]) => runCliQueued(args, { NO_COLOR: "1" });

  it("runs the example scenario with its plugin, --plugin repeated (exit 0)", async () => {
    const other = scratch.file("other.js", 'export default { kind: "other", describe() {}, create() {} };\n');
    const { code, stdout, stderr } = await cli([
      "run",
      SCENARIO,
      "--plugin",
      PLUGIN,
      "--plugin",
      other,
      "--json",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { measurements: { events: Record<string, number> } };
    expect(result.measurements.events["drive-failure"]).toBeGreaterThan(0);
  });

  it("refuses a plugin path that does not exist with one line (exit 2)", async () => {
    const { code, stdout, stderr } = await cli(["run", SCENARIO, "--plugin", "no/such/plugin.js"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "maildrill: --plugin no/such/plugin.js: expected a JavaScript module file; found no such file\n",
    );
  });
});
