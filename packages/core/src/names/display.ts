/**
 * The display name a target shows for something Sluice had to rename: the user's own
 * `displayName` when there is one, else the original name whenever the target's valid name
 * differs from it (so `Train Model` shows as `Train Model` even though its id is
 * `train-model-3f2a1c`). A name that needed no change gets no display name, as before.
 */
export function displayNameFor(original: string, targetName: string, displayName?: string): string | undefined {
  if (displayName !== undefined) return displayName;
  return targetName !== original ? original : undefined;
}
