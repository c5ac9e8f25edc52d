// Rewrites schemas/ir.schema.json from the zod schemas (run by `pnpm schema:update`).
import { writeFileSync } from "node:fs";
import { irJsonSchema } from "../packages/core/dist/backend-api.js";
writeFileSync(new URL("../schemas/ir.schema.json", import.meta.url), irJsonSchema());
