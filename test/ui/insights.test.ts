import { describe, expect, it } from 'vitest';
import { createDerive } from '../../src/ui/derive.js';
import { createInsightQueue } from '../../src/ui/insights.js';
import { fixtureData, fixtureServices } from './fixtures.js';

function setup() {
  const data = fixtureData();
  const order: string[] = [];
  const services = fixtureServices();
  const derive = createDerive(data, { ...services, planFor: (w, ...rest) => (order.push(w.id), services.planFor(w, ...rest)) });
  return { data, derive, order, queue: createInsightQueue(data, derive) };
}

describe('background planning', () => {
  it('plans the wanted rows first, then every other workload once', () => {
    const { queue, order } = setup();
    queue.want(['web-frontend'], {});
    expect(queue.progress()).toEqual({ done: 0, total: 3 });
    expect(queue.step(1000)).toBe(false);
    expect(order).toEqual(['web-frontend', 'checkout-api', 'reports-worker']);
    expect(queue.progress()).toEqual({ done: 3, total: 3 });
    expect(queue.step(1000)).toBe(false);
    expect(order).toHaveLength(3);
  });

  it('stops when the budget is spent and goes on from there', () => {
    const { queue, order } = setup();
    queue.want([], {});
    expect(queue.step(0)).toBe(true);
    expect(order).toHaveLength(1);
    queue.step(1000);
    expect(order).toHaveLength(3);
  });

  it('plans again only the workloads whose decision changed', () => {
    const { queue, order, derive } = setup();
    queue.want([], {});
    queue.step(1000);
    const decisions = { 'reports-worker': { include: false } };
    queue.want([], decisions);
    expect(queue.progress()).toEqual({ done: 2, total: 3 });
    queue.step(1000);
    expect(order).toEqual(['checkout-api', 'reports-worker', 'web-frontend', 'reports-worker']);
    expect(derive.peek('reports-worker', decisions['reports-worker'])).toBeDefined();
    expect(derive.peek('reports-worker', undefined)).toBeUndefined();
  });

  it('tells a waiting runner when work arrives', () => {
    const { queue } = setup();
    let woken = 0;
    const off = queue.onWork(() => woken++);
    queue.want(['web-frontend'], {});
    expect(woken).toBe(1);
    off();
    queue.want(['checkout-api'], {});
    expect(woken).toBe(1);
  });
});
