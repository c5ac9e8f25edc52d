/**
 * The one seed every property test and the fuzz suite draw from. CI and `pnpm test` use the fixed
 * seed, so a run is reproducible and a failure is a failure of the commit, not of the dice.
 * `SLUICE_FUZZ_SEED=<integer>` replays a seed; scripts/fuzz-random.sh draws one, passes it this
 * way to every test file, and prints it when a test fails.
 */
export const FIXED_SEED = 20261201;

export function testSeed(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.SLUICE_FUZZ_SEED?.trim();
  if (!raw) return FIXED_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`SLUICE_FUZZ_SEED must be an integer, not ${JSON.stringify(raw)}`);
  return seed | 0;
}
