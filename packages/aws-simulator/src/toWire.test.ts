import { toWire } from './toWire';

describe('toWire', () => {
  it('sends timestamps as epoch seconds and leaves tags and user maps alone', () => {
    expect(
      toWire({
        Name: 'job',
        CreationTime: '2024-01-01T00:00:01.500Z',
        FinalMetricDataList: [
          { MetricName: 'auc', Value: 0.9, Timestamp: '1970-01-01T00:01:00Z' },
        ],
        HyperParameters: { CreationTime: 'not a time' },
        Tags: [{ Key: 'owner', Value: 'team' }],
      }),
    ).toEqual({
      Name: 'job',
      CreationTime: 1704067201.5,
      FinalMetricDataList: [{ MetricName: 'auc', Value: 0.9, Timestamp: 60 }],
      HyperParameters: { CreationTime: 'not a time' },
    });
  });
});
