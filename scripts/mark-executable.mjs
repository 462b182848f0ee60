// Makes the compiled CLI entry executable after `tsc`, so `npx maildrill` works from a fresh
// `npm ci` (npm links bin targets, but tsc writes files without the execute bit).
import { chmodSync, existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(entry)) chmodSync(entry, 0o755);
