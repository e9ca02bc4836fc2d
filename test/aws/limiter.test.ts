import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CallCounter } from '../../src/aws/call-counter.js';
import { createLimiter } from '../../src/aws/limiter.js';

describe('createLimiter', () => {
  it('never runs more than the limit at once, and runs everything in order of arrival', async () => {
    const limiter = createLimiter(3);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        limiter.run(async () => {
          started.push(i);
          active++;
          peak = Math.max(peak, active);
          await sleep(5);
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(started).toEqual([...Array(12).keys()]);
  });

  it('frees the slot of a task that fails', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it('rejects a limit below 1', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});

describe('CallCounter', () => {
  it('counts per key and feeds its parent', () => {
    const total = new CallCounter();
    const a = new CallCounter(total);
    const b = new CallCounter(total);
    a.add('ec2:DescribeInstances');
    a.add('ec2:DescribeInstances');
    b.add('elbv2:DescribeTags');
    expect(a.toRecord()).toEqual({ 'ec2:DescribeInstances': 2 });
    expect(total.toRecord()).toEqual({ 'ec2:DescribeInstances': 2, 'elbv2:DescribeTags': 1 });
    expect(Object.keys(total.toRecord())).toEqual(['ec2:DescribeInstances', 'elbv2:DescribeTags']);
    expect(total.total()).toBe(3);
  });
});
