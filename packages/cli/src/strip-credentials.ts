/**
 * A git remote as it may be recorded in the IR (`metadata.git.remote`) and so in every compiled
 * file: where the code lives, and nothing that would let a reader of the file log in.
 *
 * Removed, in every form git accepts (`scheme://...` URLs and the scp-like `host:path`):
 * - the user-info before `@` (`user:password@`, `token@`, `oauth2:glpat-...@`), also when the
 *   password itself holds an unescaped `@` or `/`;
 * - the query and the fragment (`?access_token=...`, `?private_token=...`, `#token`): git never
 *   needs them to name a repository, and they are where tokens hide in URLs;
 * The one user-info kept is a bare login name in the scp-like form (`git@github.com:org/repo`):
 * that is an ssh login, not a secret, and dropping it would change which key ssh offers.
 * Anything that is not a URL (a local path) is kept, minus a query or fragment.
 */
export function stripCredentials(url: string): string {
  const withoutQuery = url.replace(/[?#].*$/s, "");
  const scheme = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is.exec(withoutQuery);
  if (scheme) return scheme[1]! + withoutUserInfo(scheme[2]!);
  const scpLike = /^([^/]*@)?([^/:@]+:)(?!\/\/)(.*)$/s.exec(withoutQuery);
  // `C:/repos/x` is a Windows path, not the host `C`.
  if (scpLike && (scpLike[1] || !/^[a-z]:$/i.test(scpLike[2]!))) {
    const [, login, host, path] = scpLike;
    // `git@host:path` keeps its login; `user:token@host:path` loses the whole user-info.
    const keep = login && !login.slice(0, -1).includes(":") ? login : "";
    return keep + host + path;
  }
  return withoutQuery;
}

/** `user:pw@host/path` -> `host/path`, where the user-info is what precedes the host's `@`. */
function withoutUserInfo(rest: string): string {
  const lastAt = rest.lastIndexOf("@");
  if (lastAt < 0) return rest;
  const before = rest.slice(0, lastAt);
  const slash = before.indexOf("/");
  if (slash < 0) return rest.slice(lastAt + 1); // every `@` is in the authority
  const head = before.slice(0, slash);
  // A `:` before the first `/` that is not a port (`host:8443/`) starts a password, which may
  // itself contain `/` and `@`: everything up to the last `@` is user-info.
  if (/:(?!\d*$)/.test(head)) return rest.slice(lastAt + 1);
  // Otherwise the last `@` is in the path (`host/org/repo@v2`); user-info, if any, ends at the
  // last `@` before the first `/`.
  const at = head.lastIndexOf("@");
  return at < 0 ? rest : rest.slice(at + 1);
}
