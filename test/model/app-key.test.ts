import { describe, expect, it } from 'vitest';
import { appKeyOf } from '../../src/model/app-key.js';

describe('appKeyOf', () => {
  it('takes the most specific app tag with a value, compared without case', () => {
    expect(appKeyOf({ Service: 'billing', App: 'Orders', Name: 'web-01' })).toEqual({ key: 'tag:orders', name: 'Orders' });
    expect(appKeyOf({ app: '  ', service: ' Billing ' })).toEqual({ key: 'tag:billing', name: 'Billing' });
  });

  it('of two tags equal without case, keeps the later one with a value', () => {
    expect(appKeyOf({ app: 'first', APP: 'second' })).toEqual({ key: 'tag:second', name: 'second' });
    expect(appKeyOf({ app: 'first', APP: '' })).toEqual({ key: 'tag:first', name: 'first' });
  });

  it('falls back to the CloudFormation stack, then the Name without its counter', () => {
    expect(appKeyOf({ 'aws:cloudformation:stack-name': 'shop', 'aws:cloudformation:logical-id': 'Web' })).toEqual({ key: 'cfn:shop/Web', name: 'shop-Web' });
    expect(appKeyOf({ Name: 'Web-03' })).toEqual({ key: 'name:web', name: 'Web' });
    expect(appKeyOf({})).toBeUndefined();
  });
});
