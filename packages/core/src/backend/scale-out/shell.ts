// KubeRay runs a RayJob's entrypoint through a shell (`ray job submit -- <entrypoint>`), so the
// IR's argv is joined into one command line here, each word quoted when a shell would split or
// expand it. The quoting applies to what the back end's ResolveArg returned: a back end whose
// reference text is replaced later (Argo `{{...}}`) gets the replaced value inside the quotes.

const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A word a shell takes as it is: quoted only when it would split or expand it. */
export function shellQuote(word: string): string {
  return PLAIN_WORD.test(word) ? word : singleQuoted(word);
}

/** POSIX single quotes, always: nothing inside is special; a ' is closed, escaped and reopened. */
export function singleQuoted(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
