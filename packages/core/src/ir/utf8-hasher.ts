import { createHash, type Hash } from "node:crypto";

/**
 * A sha256 fed piece by piece with the UTF-8 of many short strings, as `createHash().update(s)`
 * of their concatenation would be, without building that string: the canonical text of an IR
 * at 100 steps is 80 KB made of some 15,000 pieces, and concatenating them allocated ten times
 * its size. ASCII (nearly all of an IR) is copied into one buffer by hand; a piece with other
 * characters is encoded by Buffer.write. A piece must not split a surrogate pair.
 */
export class Utf8Hasher {
  private readonly hash: Hash = createHash("sha256");
  private readonly buffer = takeScratch();
  private length = 0;

  add(piece: string): void {
    const n = piece.length;
    // Three bytes per UTF-16 unit at most (a surrogate pair is four bytes for two units).
    if (this.length + n * 3 > CAPACITY) this.flush();
    if (n * 3 > CAPACITY) {
      this.hash.update(piece, "utf8");
      return;
    }
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = piece.charCodeAt(i);
      if (c >= 0x80) {
        this.length = at + buffer.write(piece.slice(i), at, "utf8");
        return;
      }
      buffer[at++] = c;
    }
    this.length = at;
  }

  /**
   * The JSON text of a string, as JSON.stringify writes it. Printable ASCII without `"` or `\\`
   * (nearly every IR string) is quoted and copied in the same pass that checks it; anything
   * else is left to JSON.stringify.
   */
  addJsonString(value: string): void {
    const n = value.length;
    if (this.length + n + 2 > CAPACITY) this.flush();
    if (n + 2 <= CAPACITY) {
      const buffer = this.buffer;
      let at = this.length;
      buffer[at++] = QUOTE;
      let i = 0;
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c < 0x20 || c >= 0x7f || c === QUOTE || c === BACKSLASH) break;
        buffer[at++] = c;
      }
      if (i === n) {
        buffer[at++] = QUOTE;
        this.length = at;
        return;
      }
    }
    this.add(JSON.stringify(value)); // the bytes written above are past `length`: overwritten
  }

  /** `sha256:` and the hex digest; the hasher is finished after this. */
  digest(): string {
    this.flush();
    scratch = this.buffer;
    return "sha256:" + this.hash.digest("hex");
  }

  private flush(): void {
    if (this.length > 0) this.hash.update(this.buffer.subarray(0, this.length));
    this.length = 0;
  }
}

const CAPACITY = 64 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * One buffer reused by hasher after hasher: a fresh 64 KB Buffer per hash is an ArrayBuffer
 * outside the pool each time. A hasher takes it and gives it back when it digests; one that is
 * abandoned (or a second at once) just makes its own.
 */
let scratch: Buffer | undefined;

function takeScratch(): Buffer {
  const taken = scratch ?? Buffer.allocUnsafe(CAPACITY);
  scratch = undefined;
  return taken;
}
