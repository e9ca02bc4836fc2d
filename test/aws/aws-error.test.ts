import { describe, expect, it } from 'vitest';
import { describeAwsError } from '../../src/aws/aws-error.js';

const service = (name: string, message = 'm') => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 403 } });

describe('describeAwsError', () => {
  it.each([
    ['AccessDenied', 'access'],
    ['UnauthorizedOperation', 'access'],
    ['InvalidClientTokenId', 'credentials'],
    ['ExpiredToken', 'credentials'],
    ['OptInRequired', 'region'],
    ['Throttling', 'throttle'],
    ['RequestLimitExceeded', 'throttle'],
    ['InternalError', 'service'],
  ])('classifies the service error %s as %s', (name, kind) => {
    expect(describeAwsError(service(name))).toEqual({ kind, code: name, message: 'm' });
  });

  it('sees connection failures, also when Node wraps them', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(describeAwsError(refused)).toMatchObject({ kind: 'endpoint', code: 'ECONNREFUSED' });
    expect(describeAwsError(new AggregateError([refused], 'many'))).toMatchObject({ kind: 'endpoint', code: 'ECONNREFUSED' });
    expect(describeAwsError(Object.assign(new Error('x'), { cause: Object.assign(new Error('dns'), { code: 'ENOTFOUND' }) }))).toMatchObject({ code: 'ENOTFOUND' });
    expect(describeAwsError(Object.assign(new Error('slow'), { name: 'TimeoutError' }))).toMatchObject({ kind: 'endpoint', code: 'Timeout' });
  });

  it('reports missing credentials from the provider chain', () => {
    expect(describeAwsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }))).toEqual({
      kind: 'credentials',
      code: 'NoCredentials',
      message: 'Could not load credentials from any providers',
    });
  });

  it('keeps the first line of long messages, shortened', () => {
    const failure = describeAwsError(service('AccessDenied', `\n${'x'.repeat(500)}\nsecond line`))!;
    expect(failure.message).toHaveLength(300);
    expect(failure.message).not.toContain('second line');
  });

  it('leaves programming errors alone, so they surface as bugs', () => {
    expect(describeAwsError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeUndefined();
    expect(describeAwsError('a string')).toBeUndefined();
  });
});
