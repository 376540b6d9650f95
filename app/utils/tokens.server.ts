// Random secrets and their stored form, for session secrets and one-time links alike.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** A random token of `bytes` bytes, lower-case base32 without padding (URL- and cookie-safe). */
export function randomToken(bytes = 20): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** What the database stores instead of a token: its SHA-256. */
export function hashToken(token: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(sha256(new TextEncoder().encode(token)));
}
