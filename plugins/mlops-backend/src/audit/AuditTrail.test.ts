import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { NewAuditEvent } from '@ml-foundation/plugin-mlops-common';
import knexFactory, { Knex } from 'knex';
import { applyMlopsMigrations } from '../database/applyMlopsMigrations';
import { auditEventHash } from './auditHash';
import { AuditTrail } from './AuditTrail';

jest.setTimeout(60_000);

const MODEL = 'model:default/credit-risk';
const V1 = 'modelversion:default/credit-risk-v1';
const V2 = 'modelversion:default/credit-risk-v2';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

const event = (overrides: Partial<NewAuditEvent> = {}): NewAuditEvent => ({
  actor: ALICE,
  action: 'review.opened',
  targetRef: V1,
  modelRef: MODEL,
  details: { stage: 'Production' },
  ...overrides,
});

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

describe('AuditTrail', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyMlopsMigrations(knex);
    const trail = AuditTrail.create({
      knex,
      logger: mockServices.logger.mock(),
    });
    return { knex, trail };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('chains appended events and answers queries newest first', async () => {
      const { trail } = await setUp(databaseId);
      const first = await trail.append(event());
      const second = await trail.append(
        event({
          actor: BOB,
          action: 'review.decision',
          details: { b: 2, a: 1 },
        }),
      );
      expect(first).toMatchObject({
        sequence: 1,
        previousHash: '0'.repeat(64),
        actor: ALICE,
        targetRef: V1,
        modelRef: MODEL,
      });
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(second.previousHash).toBe(first.hash);
      expect(second.details).toEqual({ a: 1, b: 2 });

      const page = await trail.query({});
      expect(page.items.map(e => e.sequence)).toEqual([2, 1]);
      expect(page.items[1]).toEqual(first);
      expect(page.nextCursor).toBeUndefined();
      expect((await trail.verify()).ok).toBe(true);
    });

    it('finds a Model’s own events and its versions’ events, and filters by actor, action and time', async () => {
      const { trail } = await setUp(databaseId);
      await trail.append(event({ targetRef: MODEL, modelRef: undefined }));
      await trail.append(event({ targetRef: V1 }));
      await trail.append(event({ targetRef: V2, actor: BOB }));
      await trail.append(
        event({
          targetRef: 'modelversion:default/other-v1',
          modelRef: 'model:default/other',
        }),
      );
      await trail.append(event({ targetRef: V2, action: 'review.decision' }));

      const refs = async (query: Parameters<AuditTrail['query']>[0]) =>
        (await trail.query(query)).items.map(
          e => `${e.sequence}:${e.targetRef}`,
        );

      expect(await refs({ entityRef: MODEL })).toEqual([
        `5:${V2}`,
        `3:${V2}`,
        `2:${V1}`,
        `1:${MODEL}`,
      ]);
      expect(await refs({ entityRef: V2 })).toEqual([`5:${V2}`, `3:${V2}`]);
      expect(await refs({ entityRef: MODEL, actor: BOB })).toEqual([`3:${V2}`]);
      expect(await refs({ action: 'review.decision' })).toEqual([`5:${V2}`]);

      const all = (await trail.query({})).items.reverse();
      expect(
        await refs({ from: all[1].occurredAt, to: all[3].occurredAt }),
      ).toEqual(
        all
          .filter(
            e =>
              e.occurredAt >= all[1].occurredAt &&
              e.occurredAt < all[3].occurredAt,
          )
          .map(e => `${e.sequence}:${e.targetRef}`)
          .reverse(),
      );
      expect(await refs({ from: '2999-01-01T00:00:00Z' })).toEqual([]);
      await expect(trail.query({ from: 'yesterday' })).rejects.toThrow(
        'from must be an ISO 8601 time',
      );
    });

    it('pages through an entity’s events with a cursor, none lost or repeated', async () => {
      const { trail } = await setUp(databaseId);
      for (let i = 0; i < 23; i++) {
        await trail.append(
          event({ targetRef: i % 2 ? V1 : V2, details: { i } }),
        );
        await trail.append(
          event({ targetRef: 'model:default/unrelated', modelRef: undefined }),
        );
      }
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await trail.query({ entityRef: MODEL, limit: 5, cursor });
        seen.push(...page.items.map(e => e.details.i as number));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(5);
      expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => 22 - i));
      await expect(trail.query({ cursor: 'nonsense' })).rejects.toThrow(
        'cursor is not a cursor of this API',
      );
      await expect(trail.query({ limit: 0 })).rejects.toThrow('limit must be');
    });

    it('drops events a filter refuses and still fills the page', async () => {
      const { trail } = await setUp(databaseId);
      for (let i = 0; i < 6; i++) {
        await trail.append(
          event({ targetRef: i % 2 ? V1 : V2, details: { i } }),
        );
      }
      const onlyV1 = async (events: { targetRef: string }[]) =>
        events.filter(e => e.targetRef === V1);
      const page = await trail.query({ limit: 2 }, { filter: onlyV1 as any });
      expect(page.items.map(e => e.details.i)).toEqual([5, 3]);
      const next = await trail.query(
        { limit: 2, cursor: page.nextCursor },
        { filter: onlyV1 as any },
      );
      expect(next.items.map(e => e.details.i)).toEqual([1]);
      expect(next.nextCursor).toBeUndefined();
    });

    it('refuses an invalid event and appends nothing', async () => {
      const { trail } = await setUp(databaseId);
      await expect(
        trail.append(event({ targetRef: 'credit-risk' })),
      ).rejects.toThrow('Invalid audit event: targetRef must be an entity ref');
      await expect(trail.append(event({ actor: 'someone' }))).rejects.toThrow(
        'actor must be an entity ref or service:<plugin>',
      );
      await trail.append(event({ actor: 'service:scaffolder' }));
      expect((await trail.query({})).items).toHaveLength(1);
    });

    it('exports CSV with quoted fields and JSON Lines, oldest first', async () => {
      const { trail } = await setUp(databaseId);
      await trail.append(
        event({ details: { comment: 'looks "fine", ship it\nsecond line' } }),
      );
      await trail.append(
        event({
          targetRef: V2,
          targetArn: 'arn:aws:sagemaker:eu-west-1:1:model-package/x/2',
        }),
      );
      await trail.append(
        event({ targetRef: 'model:default/other', modelRef: undefined }),
      );

      const csv = await readAll(
        trail.export({ entityRef: MODEL }, { format: 'csv' }),
      );
      const [first] = (await trail.query({ entityRef: MODEL })).items.slice(-1);
      expect(csv.split('\r\n')[0]).toBe(
        'sequence,id,occurredAt,actor,action,targetRef,targetArn,modelRef,details,previousHash,hash',
      );
      expect(csv).toContain(
        `1,${first.id},${first.occurredAt},${ALICE},review.opened,${V1},,${MODEL},` +
          `"{""comment"":""looks \\""fine\\"", ship it\\nsecond line""}",${'0'.repeat(
            64,
          )},${first.hash}\r\n`,
      );
      expect(csv.trimEnd().split('\r\n')).toHaveLength(3);
      expect(csv).toContain('arn:aws:sagemaker:eu-west-1:1:model-package/x/2');

      const jsonl = await readAll(trail.export({}, { format: 'jsonl' }));
      const lines = jsonl
        .trimEnd()
        .split('\n')
        .map(line => JSON.parse(line));
      expect(lines.map(e => e.sequence)).toEqual([1, 2, 3]);
      expect(lines[0]).toEqual(first);
      expect(jsonl.endsWith('\n')).toBe(true);
    });

    it('exports more events than one chunk without losing any', async () => {
      const { trail } = await setUp(databaseId);
      for (let i = 0; i < 7; i++) await trail.append(event({ details: { i } }));
      const chunks = [];
      for await (const chunk of trail.events({}, { chunkSize: 3 }))
        chunks.push(chunk);
      expect(chunks.map(c => c.map(e => e.sequence))).toEqual([
        [1, 2, 3],
        [4, 5, 6],
        [7],
      ]);
    });

    describe('verification names the tampered event', () => {
      async function chainOf(count: number) {
        const context = await setUp(databaseId);
        const events = [];
        for (let i = 1; i <= count; i++) {
          events.push(await context.trail.append(event({ details: { i } })));
        }
        return { ...context, events };
      }

      it('when a stored event is changed', async () => {
        const { knex, trail, events } = await chainOf(8);
        await knex('mlops_audit_events')
          .where({ sequence: 5 })
          .update({ details: '{"i":50}' });
        expect(await trail.verify()).toMatchObject({
          ok: false,
          checkedEvents: 5,
          firstBrokenEvent: {
            id: events[4].id,
            sequence: 5,
            reason: expect.stringContaining('does not match its hash'),
          },
        });
      });

      it('when a changed event is given a recomputed hash', async () => {
        const { knex, trail, events } = await chainOf(8);
        const forged = { ...events[2], actor: BOB };
        await knex('mlops_audit_events')
          .where({ sequence: 3 })
          .update({
            actor: BOB,
            hash: auditEventHash({
              ...forged,
              detailsJson: JSON.stringify(forged.details),
            }),
          });
        expect((await trail.verify()).firstBrokenEvent).toMatchObject({
          id: events[3].id,
          sequence: 4,
          reason: expect.stringContaining('previous hash'),
        });
      });

      it('when a stored event is deleted', async () => {
        const { knex, trail, events } = await chainOf(8);
        await knex('mlops_audit_events').where({ sequence: 4 }).delete();
        expect((await trail.verify()).firstBrokenEvent).toEqual({
          id: events[4].id,
          sequence: 5,
          reason: 'events 4..4 before this one are missing (deleted)',
        });
      });

      it('when the last event is deleted', async () => {
        const { knex, trail } = await chainOf(8);
        await knex('mlops_audit_events').where({ sequence: 8 }).delete();
        expect(await trail.verify()).toMatchObject({
          ok: false,
          checkedEvents: 7,
          firstBrokenEvent: {
            sequence: 8,
            reason: expect.stringContaining('last events were deleted'),
          },
        });
      });

      it('when two stored events are reordered', async () => {
        const { knex, trail, events } = await chainOf(8);
        await knex.transaction(async tx => {
          await tx('mlops_audit_events')
            .where({ sequence: 6 })
            .update({ sequence: 1000 });
          await tx('mlops_audit_events')
            .where({ sequence: 7 })
            .update({ sequence: 6 });
          await tx('mlops_audit_events')
            .where({ sequence: 1000 })
            .update({ sequence: 7 });
        });
        expect((await trail.verify()).firstBrokenEvent).toMatchObject({
          id: events[6].id,
          sequence: 6,
        });
      });

      it('records the latest result', async () => {
        const { knex, trail, events } = await chainOf(3);
        expect(await trail.latestVerification()).toBeUndefined();
        expect((await trail.verifyAndRecord()).ok).toBe(true);
        await knex('mlops_audit_events')
          .where({ sequence: 2 })
          .update({ action: 'x' });
        await trail.verifyAndRecord();
        expect(await trail.latestVerification()).toEqual({
          ok: false,
          checkedEvents: 2,
          verifiedAt: expect.any(String),
          firstBrokenEvent: {
            id: events[1].id,
            sequence: 2,
            reason: expect.any(String),
          },
        });
      });
    });

    it('keeps one valid chain under 50 concurrent appends from two instances', async () => {
      const { knex, trail } = await setUp(databaseId);
      // A second backend instance: its own connection pool where the database allows one.
      let otherKnex: Knex = knex;
      if (databaseId === 'POSTGRES_15') {
        otherKnex = knexFactory({
          client: 'pg',
          connection: knex.client.config.connection,
          pool: { min: 0, max: 10 },
        });
      }
      const other = AuditTrail.create({
        knex: otherKnex,
        logger: mockServices.logger.mock(),
      });
      try {
        const appended = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? trail : other).append(event({ details: { writer: i } })),
          ),
        );
        expect(new Set(appended.map(e => e.sequence)).size).toBe(50);
        const verification = await other.verify();
        expect(verification).toMatchObject({ ok: true, checkedEvents: 50 });
        const stored: number[] = [];
        for await (const chunk of trail.events({})) {
          stored.push(...chunk.map(e => e.details.writer as number));
        }
        expect(stored.sort((a, b) => a - b)).toEqual(
          Array.from({ length: 50 }, (_, i) => i),
        );
      } finally {
        if (otherKnex !== knex) await otherKnex.destroy();
      }
    });
  });
});
