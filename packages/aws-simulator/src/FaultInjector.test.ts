import { FaultInjector } from './FaultInjector';

describe('FaultInjector', () => {
  it('throttles exactly the given share of each operation, evenly spread', () => {
    const faults = new FaultInjector({ throttleRate: 0.2 });
    const decisions = Array.from({ length: 10 }, () =>
      faults.decide('SageMaker.ListTags'),
    );
    expect(decisions).toEqual([
      undefined, undefined, undefined, undefined, 'throttled',
      undefined, undefined, undefined, undefined, 'throttled',
    ]); // prettier-ignore
    expect(faults.decide('AWSGlue.GetTables')).toBeUndefined();
  });

  it('lets through a second of calls per operation, refilling over time', () => {
    let now = 0;
    const faults = new FaultInjector({ rateLimitPerSecond: 2 }, () => now);
    expect([1, 2, 3].map(() => faults.decide('S3.GetObject'))).toEqual([
      undefined,
      undefined,
      'throttled',
    ]);
    now = 499;
    expect(faults.decide('S3.GetObject')).toBe('throttled');
    now = 500;
    expect(faults.decide('S3.GetObject')).toBeUndefined();
    expect(faults.decide('S3.GetObject')).toBe('throttled');
  });

  it('denies named operations before anything else', () => {
    const faults = new FaultInjector({
      accessDenied: ['AWSGlue.GetTags'],
      throttleRate: 1,
    });
    expect(faults.decide('AWSGlue.GetTags')).toBe('accessDenied');
    expect(faults.decide('AWSGlue.GetJobs')).toBe('throttled');
  });

  it('replaces faults and refuses invalid ones', () => {
    const faults = new FaultInjector({ throttleRate: 1, latencyMs: 20 });
    faults.set({});
    expect(faults.decide('AWSGlue.GetJobs')).toBeUndefined();
    expect(faults.latencyMs).toBe(0);
    expect(() => faults.set({ throttleRate: 2 })).toThrow(/throttleRate/);
    expect(() => faults.set({ accessDenied: 'all' as any })).toThrow(
      /accessDenied/,
    );
    expect(() => faults.set({ latency: 5 } as any)).toThrow(
      /Unknown fault 'latency'/,
    );
  });
});
