// Runs one emulator as its own process, for run.sh (which records its PID and stops it by that).
// Usage: node serve.mjs URL_FILE TOKEN READ_ONLY_TOKEN; writes its URL into URL_FILE once listening.
import { writeFileSync } from "node:fs";
import { startEmulator } from "./emulator.mjs";

const [urlFile, token, readOnlyToken] = process.argv.slice(2);
const emulator = await startEmulator({ token, readOnlyToken });
writeFileSync(urlFile, emulator.url);
process.on("SIGTERM", () => emulator.close().then(() => process.exit(0)));
