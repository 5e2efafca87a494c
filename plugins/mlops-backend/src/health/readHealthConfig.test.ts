import { ConfigReader } from '@backstage/config';
import { readHealthConfig } from './readHealthConfig';

describe('readHealthConfig', () => {
  it('keeps 90 days of history unless told otherwise', () => {
    expect(readHealthConfig().historyDays).toBe(90);
    expect(
      readHealthConfig(
        new ConfigReader({ mlops: { health: { historyDays: 7 } } }),
      ).historyDays,
    ).toBe(7);
  });

  it('names the key of a bad history length', () => {
    expect(() =>
      readHealthConfig(
        new ConfigReader({ mlops: { health: { historyDays: 0 } } }),
      ),
    ).toThrow('mlops.health.historyDays');
  });
});
