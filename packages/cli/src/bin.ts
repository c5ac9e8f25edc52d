#!/usr/bin/env node
// The `sluice` executable. All behaviour lives in main.ts, which tests call in-process.
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
