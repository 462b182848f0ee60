/** `maildrill schema`: prints the JSON Schema of the scenario format, for editors. */
import type { Command } from "commander";
import { scenarioJsonSchema } from "../../scenario/jsonSchema.js";

export function registerSchemaCommand(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of scenario files (for editor completion and checks)")
    .action(() => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
