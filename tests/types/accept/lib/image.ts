export const IMAGE = "alpine:3.20";
