/**
 * Redacts likely secrets from free text (user data) before anything is
 * written: AWS access keys and secret keys, private key blocks, well-known
 * token formats, credentials in URLs, and the values of password, secret,
 * token and API key assignments in shell, env, YAML, JSON and flag forms.
 * Keys stay, values go, so a reader still sees what the script configures.
 */
import { gunzipSync } from 'node:zlib';

/** What replaces a secret value. */
export const REDACTED = '[REDACTED]';

export interface RedactionResult {
  text: string;
  /** How many values were replaced. */
  count: number;
}

// Key names whose values are secrets. Matched inside longer names (DB_PASSWORD, slackWebhookToken).
const SECRET_KEY = String.raw`[A-Za-z0-9_.-]*?(?:passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|authorization|auth[_-]?(?:token|key|header))[A-Za-z0-9_.-]*`;

interface Pattern {
  regex: RegExp;
  /** Builds the replacement from the match groups. */
  replace: (match: string, ...groups: string[]) => string;
}

const patterns: Pattern[] = [
  // PEM private keys: keep the armour lines, drop the body (an unterminated block runs to the end).
  {
    regex: /(-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----)[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$(?![\s\S]))/g,
    replace: (_m, begin: string, end: string) => `${begin}\n${REDACTED}\n${end || ''}`.trimEnd(),
  },
  // HTTP authorization headers: the scheme stays, the credential goes.
  {
    regex: /(\bauthorization["']?\s*[:=]\s*["']?(?:bearer|basic|token|digest)\s+)([^\s"']+)/gi,
    replace: (_m, head: string) => `${head}${REDACTED}`,
  },
  // JSON: "db_password": "value"
  {
    regex: new RegExp(String.raw`("${SECRET_KEY}"\s*:\s*)"((?:[^"\\]|\\.)*)"`, 'gi'),
    replace: (_m, key: string, value: string) => (value === '' ? `${key}""` : `${key}"${REDACTED}"`),
  },
  // Shell, env files and YAML: KEY=value, export KEY="value", key: value, key: 'value'.
  {
    regex: new RegExp(String.raw`(^|[\s;&|(,{])((?:export\s+)?["']?${SECRET_KEY}["']?[ \t]*(?:=|:(?=[ \t]))[ \t]*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s;&|#'"][^\s;&|]*)`, 'gim'),
    // An authorization scheme word was handled by the header rule above; its credential follows it.
    replace: (m, lead: string, key: string, value: string) => (/^(bearer|basic|digest)$/i.test(value) ? m : `${lead}${key}${quoteLike(value)}`),
  },
  // Command-line flags: --db-password value, --api-key=value, -p'secret' is too ambiguous to touch.
  {
    regex: new RegExp(String.raw`(--${SECRET_KEY}(?:=|[ \t]+))("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s-][^\s;&|]*)`, 'gi'),
    replace: (_m, flag: string, value: string) => `${flag}${quoteLike(value)}`,
  },
  // Credentials inside URLs: scheme://user:password@host.
  {
    regex: /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi,
    replace: (_m, head: string, _pw: string, at: string) => `${head}${REDACTED}${at}`,
  },
  // AWS access key ids (long-term AKIA, temporary ASIA, and the other credential prefixes).
  { regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, replace: () => REDACTED },
  // GitHub, GitLab and Slack tokens.
  { regex: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,})\b/g, replace: () => REDACTED },
  // Bare AWS secret access keys: 40 base64 characters mixing cases and digits (hex digests have no capitals).
  {
    regex: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    replace: (m: string) => (/[A-Z]/.test(m) && /[a-z]/.test(m) && /[0-9/+]/.test(m) ? REDACTED : m),
  },
];

function quoteLike(value: string): string {
  if (value.startsWith('"')) return `"${REDACTED}"`;
  if (value.startsWith("'")) return `'${REDACTED}'`;
  return REDACTED;
}

/** Replaces likely secrets in a text; the same input always gives the same output. */
export function redactSecrets(text: string): RedactionResult {
  let count = 0;
  let out = text;
  for (const { regex, replace } of patterns) {
    out = out.replace(regex, (...args: unknown[]) => {
      const match = args[0] as string;
      const groups = args.slice(1).filter((a): a is string => typeof a === 'string' || a === undefined).map((g) => g ?? '');
      const replaced = replace(match, ...groups);
      if (replaced !== match) count++;
      return replaced;
    });
  }
  return { text: out, count };
}

/** Decodes base64 user data into redacted text. Binary content is not stored; scan and import share it. */
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
