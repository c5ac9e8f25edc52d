// A folder import: `./lib/helpers` finds this index.ts (Bundler resolution, as the front end).
export const GREETING = "hello";
