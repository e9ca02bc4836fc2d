import { describe, expect, it } from 'vitest';
import { redactSecrets, REDACTED } from '../../src/snapshot/redact.js';

const redact = (text: string) => redactSecrets(text).text;

describe('redactSecrets', () => {
  it.each([
    ['shell export', 'export DB_PASSWORD=s3cr3t-value', 'export DB_PASSWORD=[REDACTED]'],
    ['double quotes', 'API_KEY="abc def"', 'API_KEY="[REDACTED]"'],
    ['single quotes', "MYSQL_ROOT_PASSWORD='p@ss'", "MYSQL_ROOT_PASSWORD='[REDACTED]'"],
    ['env file', 'SECRET_KEY_BASE=0a1b2c\nPORT=80', 'SECRET_KEY_BASE=[REDACTED]\nPORT=80'],
    ['yaml', 'db:\n  password: hunter2\n  user: app', 'db:\n  password: [REDACTED]\n  user: app'],
    ['yaml quoted', "auth_token: 'tok-123'", "auth_token: '[REDACTED]'"],
    ['json', '{"clientSecret": "xyz", "name": "web"}', '{"clientSecret": "[REDACTED]", "name": "web"}'],
    ['json escaped quote', '{"password": "a\\"b"}', '{"password": "[REDACTED]"}'],
    ['flag with =', 'app --db-password=hunter2 --port 80', 'app --db-password=[REDACTED] --port 80'],
    ['flag with space', 'vault login --token s.abcdef', 'vault login --token [REDACTED]'],
    ['url credentials', 'DATABASE=postgres://app:hunter2@db.internal:5432/app', 'DATABASE=postgres://app:[REDACTED]@db.internal:5432/app'],
    ['access key id anywhere', 'key AKIAIOSFODNN7EXAMPLE here', `key ${REDACTED} here`],
    ['temporary key id', 'ASIAQWERTYUIOPASDFGH', REDACTED],
    ['bare secret access key', 'aws configure set x wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', `aws configure set x ${REDACTED}`],
    ['authorization header', 'curl -H "Authorization: Bearer eyJhbGciOi.abc" https://api', 'curl -H "Authorization: Bearer [REDACTED]" https://api'],
    ['github token', 'git clone https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/o/r', `git clone https://${REDACTED}@github.com/o/r`],
  ])('redacts %s', (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('keeps the armour of a private key and drops its body, also when the block is cut off', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----';
    expect(redact(`echo '${key}' > id`)).toBe(`echo '-----BEGIN OPENSSH PRIVATE KEY-----\n${REDACTED}\n-----END OPENSSH PRIVATE KEY-----' > id`);
    expect(redact('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC')).toBe(`-----BEGIN PRIVATE KEY-----\n${REDACTED}`);
  });

  it('leaves ordinary scripts alone', () => {
    const script = [
      '#!/bin/bash',
      'set -euo pipefail',
      'yum install -y nginx',
      'PORT=8080',
      'echo "sha1 3f786850e387550fdab836ed7e6dc881de23001b"',
      'author: jane',
      'curl -fsS https://example.com/install.sh | sh',
      'systemctl enable --now nginx',
    ].join('\n');
    expect(redactSecrets(script)).toEqual({ text: script, count: 0 });
  });

  it('counts what it replaced and gives the same output for the same input', () => {
    const text = 'PASSWORD=a\nTOKEN=b\nAKIAIOSFODNN7EXAMPLE';
    expect(redactSecrets(text)).toEqual(redactSecrets(text));
    expect(redactSecrets(text).count).toBe(3);
  });
});
