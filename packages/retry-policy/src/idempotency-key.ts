/** The part of Web Crypto a key needs; `randomUUID` is missing outside secure contexts (a page on plain http). */
export interface KeySource {
  randomUUID?: (() => string) | undefined;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/**
 * A fresh random UUID (version 4) for an idempotency-key header. Browsers give `crypto.randomUUID`
 * only to secure contexts, so a page served over plain http from a LAN address would throw on every
 * call; `getRandomValues` exists everywhere, and the same 122 random bits make the same kind of UUID.
 */
export function idempotencyKey(source: KeySource = globalThis.crypto): string {
  if (typeof source.randomUUID === "function") return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
