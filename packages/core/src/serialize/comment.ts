/**
 * Text safe inside a one-line `#` comment of a generated file. A pipeline name may hold any
 * character, and a line break in it would end the comment and put the rest into the document:
 * control characters and what YAML 1.1 readers also take as line breaks (NEL, U+2028, U+2029)
 * are written as escapes.
 */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
