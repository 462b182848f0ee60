/**
 * Built-in scenarios by name: `maildrill scenarios` lists them one line each, a name works in
 * place of a file from any working directory (the folder is found beside the code, not in the
 * cwd), the package ships the folder, and an unknown name is one line listing the names.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { builtinScenarios, resolveScenarioArgument } from "../../../src/experiment/builtinScenario.js";
import { runCliQueued as cli, expectOneErrorLine, REPO_ROOT } from "../../helpers/runCli.js";

describe("maildrill scenarios", () => {
  it("lists every built-in, one line each with what it is", async () => {
    const out = await cli(["scenarios", "--width", "80"]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trimEnd().split("\n");
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(builtinScenarios().map((s) => s.name));
    expect(lines.find((line) => line.startsWith("libero-2023"))).toMatch(/Libero\/Virgilio Mail, Jan 2023/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("resolves a name (with or without .yaml) to the shipped file; a file wins over a name", () => {
    expect(resolveScenarioArgument("libero-2023")).toMatch(/[/\\]scenarios[/\\]libero-2023\.yaml$/);
    expect(resolveScenarioArgument("quickstart.yaml")).toBe(resolveScenarioArgument("quickstart"));
    expect(resolveScenarioArgument("test/fixtures/experiment/migration-small.yaml")).toBe(
      "test/fixtures/experiment/migration-small.yaml",
    );
  });

  it("runs a built-in by name from a directory that has no scenarios/ folder", () => {
    const tsx = import.meta.resolve("tsx");
    const run = spawnSync(
      process.execPath,
      ["--import", tsx, `${REPO_ROOT}src/cli/main.ts`, "run", "quickstart", "--seed", "7", "--json"],
      { cwd: tmpdir(), encoding: "utf8", timeout: 120_000 },
    );
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).run.scenario).toBe("quickstart");
  });

  it("ships the scenarios folder in the package", () => {
    const pack = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: REPO_ROOT,
        encoding: "utf8",
      }),
    ) as { files: { path: string }[] }[];
    const files = pack[0]!.files.map((f) => f.path);
    for (const s of builtinScenarios()) expect(files).toContain(`scenarios/${s.name}.yaml`);
  });

  it("answers an unknown name with one line listing the built-in names", async () => {
    expectOneErrorLine(
      await cli(["run", "libero-2024"]),
      /libero-2024: expected a scenario file or a built-in scenario \(gmail-2011, .*libero-2023.*\); found neither/,
    );
  });
});
