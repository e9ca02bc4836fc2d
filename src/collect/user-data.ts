/**
 * User data policy: by default no user data is stored at all; with
 * --include-user-data it is decoded from base64 (and gunzipped when
 * compressed, as cloud-init allows) and its likely secrets are redacted.
 */
import { gunzipSync } from 'node:zlib';
import { redactSecrets } from '../snapshot/redact.js';

/** Decodes base64 user data into redacted text. Binary content is not stored. */
export function userDataText(base64: string): string {
  let bytes = Buffer.from(base64, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      return `[binary user data: ${bytes.length} bytes of corrupt gzip, not stored]`;
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return `[binary user data: ${bytes.length} bytes, not stored]`;
  }
  if (text.includes('\u0000')) return `[binary user data: ${bytes.length} bytes, not stored]`;
  return redactSecrets(text).text;
}

/**
 * Applies the policy to an object that carries a base64 `UserData` field
 * (a launch configuration, a launch template's data): removed, or replaced
 * by its decoded, redacted text.
 */
export function applyUserDataPolicy(holder: Record<string, unknown> | undefined, includeUserData: boolean): void {
  if (!holder || !('UserData' in holder)) return;
  const value = holder.UserData;
  if (!includeUserData || typeof value !== 'string' || value === '') {
    delete holder.UserData;
    return;
  }
  holder.UserData = userDataText(value);
}
