import {
  CheckpointResult,
  EffectivePolicy,
  NewAuditEvent,
  Review,
} from '@ml-foundation/plugin-mlops-common';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A stand-in for the mlops backend's governance and audit routes, serving the
 * reviews a test sets and recording the audit events and auth headers it
 * receives. Used until tests can start the real governance backend.
 */
export async function startFakeMlopsBackend(state: {
  reviews: Review[];
  policy?: EffectivePolicy;
}) {
  const auditEvents: NewAuditEvent[] = [];
  const authorizations: string[] = [];
  const server = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization ?? '');
    const url = new URL(req.url!, 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/governance/reviews') {
      const entityRef = url.searchParams.get('entityRef');
      const stateFilter = url.searchParams.get('state');
      send(200, {
        items: state.reviews.filter(
          r =>
            (!entityRef || r.entityRef === entityRef) &&
            (!stateFilter || r.state === stateFilter),
        ),
      });
    } else if (req.method === 'GET' && url.pathname === '/governance/policy') {
      send(200, state.policy ?? { name: 'default', transitions: {} });
    } else if (req.method === 'POST' && url.pathname === '/audit/events') {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        const event = JSON.parse(body) as NewAuditEvent;
        if (!event.targetRef) {
          send(400, { error: { name: 'InputError', message: 'targetRef' } });
          return;
        }
        auditEvents.push(event);
        send(201, { ...event, id: `event-${auditEvents.length}` });
      });
    } else {
      send(404, { error: { name: 'NotFoundError', message: url.pathname } });
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    auditEvents,
    authorizations,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** A review of `churn-model-3` for production, with the given checkpoints. */
export function productionReview(
  overrides: Partial<Review> & { checkpoints?: CheckpointResult[] },
): Review {
  return {
    id: 'review-1',
    kind: 'promotion',
    entityRef: 'modelversion:default/churn-model-3',
    modelRef: 'model:default/churn-model',
    targetStage: 'production',
    policy: 'default',
    state: 'open',
    requestedBy: 'user:default/ada',
    requestedAt: '2026-11-30T10:00:00.000Z',
    checkpoints: [],
    decisions: [],
    updatedAt: '2026-11-30T10:00:00.000Z',
    ...overrides,
  };
}
