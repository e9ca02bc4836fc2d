/** The identity check against moto, an endpoint nobody listens on, and no credentials at all. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CallCounter } from '../../src/aws/call-counter.js';
import type { AwsTarget } from '../../src/aws/clients.js';
import { defaultCredentials } from '../../src/aws/credentials.js';
import { checkIdentity } from '../../src/aws/identity.js';
import { createLimiter } from '../../src/aws/limiter.js';
import { CollectError } from '../../src/errors.js';
import { freePort } from '../../test-support/moto.js';

const endpoint = inject('motoEndpoint');
const empty = mkdtempSync(join(tmpdir(), 'kubelift-nocreds-'));

beforeAll(() => {
  // The SDK reads this one from the process environment only; without it the chain would wait on instance metadata.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});

const target = (overrides: Partial<AwsTarget>): AwsTarget => ({
  region: 'us-east-1',
  credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
  endpoint,
  limiter: createLimiter(4),
  counter: new CallCounter(),
  ...overrides,
});

describe('checkIdentity', () => {
  it('returns the account, ARN and partition of the caller', async () => {
    const counter = new CallCounter();
    const identity = await checkIdentity(target({ counter }));
    expect(identity).toEqual({ accountId: '123456789012', arn: expect.stringMatching(/^arn:aws:(sts|iam)::123456789012:/), partition: 'aws' });
    expect(counter.toRecord()).toEqual({ 'sts:GetCallerIdentity': 1 });
  });

  it('fails fast with E_AWS_ENDPOINT when nothing listens at the endpoint', async () => {
    const started = Date.now();
    const error = await checkIdentity(target({ endpoint: `http://127.0.0.1:${await freePort()}` })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectError);
    expect(error).toMatchObject({ code: 'E_AWS_ENDPOINT', exitCode: 1, message: expect.stringMatching(/^cannot reach the AWS endpoint http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/) });
    expect((error as CollectError).hint).toContain('--endpoint-url');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails with E_AWS_CREDENTIALS and a hint when no credentials can be found', async () => {
    const env = { AWS_SHARED_CREDENTIALS_FILE: join(empty, 'credentials'), AWS_CONFIG_FILE: join(empty, 'config'), HOME: empty };
    const error = await checkIdentity(target({ credentials: defaultCredentials({ env }) })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_AWS_CREDENTIALS', exitCode: 1, message: 'no AWS credentials found' });
    expect((error as CollectError).hint).toMatch(/--profile/);
  });
});
