/**
 * `maildrill schema`: prints the JSON Schema of scenario files (for editors), or with
 * `--output run|compare|sweep|check` the JSON Schema of that command's JSON output
 * (src/experiment/outputSchemas.ts), so scripts can validate what they read.
 */
import { type Command, Option } from "commander";
import { OUTPUT_KINDS, type OutputKind, outputJsonSchema } from "../../experiment/outputSchemas.js";
import { scenarioJsonSchema } from "../../scenario/jsonSchema.js";

export function registerSchemaCommand(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of scenario files, or of a command's JSON output with --output")
    .addOption(
      new Option(
        "--output <command>",
        "the JSON output of this command instead of the scenario format",
      ).choices(OUTPUT_KINDS),
    )
    .action((flags: { output?: OutputKind }) => {
      const schema = flags.output === undefined ? scenarioJsonSchema() : outputJsonSchema(flags.output);
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    });
}
