/**
 * User data policy: by default no user data is stored at all; with
 * --include-user-data it is decoded from base64 (and gunzipped when
 * compressed, as cloud-init allows) and its likely secrets are redacted.
 */
import { userDataText } from '../snapshot/redact.js';

export { userDataText };

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
