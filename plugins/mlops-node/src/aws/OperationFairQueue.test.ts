import PQueue from 'p-queue';
import { OperationFairQueue } from './OperationFairQueue';

describe('OperationFairQueue', () => {
  it('takes the calls of each operation in turn, each operation in order', async () => {
    const queue = new PQueue({
      concurrency: 1,
      queueClass: OperationFairQueue,
    });
    const ran: string[] = [];
    const call = (operation: string, n: number) =>
      queue.add(async () => ran.push(`${operation}${n}`), { operation });
    queue.pause();
    const calls = [
      ...[1, 2, 3].map(n => call('Describe', n)),
      call('Training', 1),
      call('Describe', 4),
      call('Report', 1),
      call('Training', 2),
    ];
    expect(queue.size).toBe(7);
    queue.start();
    await Promise.all(calls);
    expect(ran).toEqual([
      'Describe1',
      'Training1',
      'Report1',
      'Describe2',
      'Training2',
      'Describe3',
      'Describe4',
    ]);
  });
});
