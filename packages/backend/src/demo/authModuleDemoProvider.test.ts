import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Entity, RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseAllDocuments } from 'yaml';
import request from 'supertest';
import { loadAppConfig } from '../__testUtils__/loadAppConfig';
import { authModuleDemoProvider } from './authModuleDemoProvider';
import { DEMO_USER_HEADER } from './demoAuthenticator';

/** examples/org.yaml as the catalog serves it, memberOf relations included. */
const orgEntities: Entity[] = parseAllDocuments(
  readFileSync(resolve(__dirname, '../../../../examples/org.yaml'), 'utf8'),
).map(doc => {
  const entity = doc.toJSON() as Entity;
  const memberOf = (entity.spec?.memberOf ?? []) as string[];
  return {
    ...entity,
    metadata: { namespace: 'default', ...entity.metadata },
    relations: memberOf.map(group => ({
      type: RELATION_MEMBER_OF,
      targetRef: `group:default/${group}`,
    })),
  };
});

const appAndBackend = {
  app: { baseUrl: 'http://localhost:3000' },
  backend: { baseUrl: 'http://localhost:7007' },
};

async function startAuth(auth: unknown) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoProvider,
      catalogServiceMock.factory({ entities: orgEntities }),
      mockServices.rootConfig.factory({
        data: { ...appAndBackend, auth } as any,
      }),
    ],
  });
  return server;
}

describe('the demo sign-in (auth.providers.demo)', () => {
  it('lists the users of examples/org.yaml with their groups', async () => {
    const server = await startAuth({ providers: { demo: {} } });
    const response = await request(server).get('/api/auth/demo/users');
    expect(response.status).toBe(200);
    const modelRisk = response.body.items.filter((user: any) =>
      user.memberOf.includes('group:default/model-risk'),
    );
    expect(modelRisk.map((user: any) => user.displayName)).toEqual([
      'Grace Adeyemi',
      'Noor Haddad',
      'Oliver Brennan',
    ]);
    expect(response.body.items).toContainEqual({
      userEntityRef: 'user:default/amelia.hart',
      displayName: 'Amelia Hart',
      email: 'amelia.hart@example.com',
      memberOf: ['group:default/customer-ml'],
    });
  });

  it('signs in as the chosen user, with the ownership of their groups', async () => {
    const server = await startAuth({ providers: { demo: {} } });
    const response = await request(server)
      .get('/api/auth/demo/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set(DEMO_USER_HEADER, 'user:default/grace.adeyemi');
    expect(response.status).toBe(200);
    expect(response.body.profile).toEqual(
      expect.objectContaining({
        displayName: 'Grace Adeyemi',
        email: 'grace.adeyemi@example.com',
      }),
    );
    expect(response.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/grace.adeyemi',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/grace.adeyemi',
        'group:default/model-risk',
      ]),
    });
    expect(response.body.backstageIdentity.token).toEqual(expect.any(String));
  });

  it('refuses a user that is not in the catalog, and a request naming nobody', async () => {
    const server = await startAuth({ providers: { demo: {} } });
    const unknown = await request(server)
      .get('/api/auth/demo/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set(DEMO_USER_HEADER, 'user:default/mallory');
    expect(unknown.status).toBe(404);
    const nobody = await request(server)
      .get('/api/auth/demo/refresh')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.message).toContain(DEMO_USER_HEADER);
  });

  it('does not exist with the production configuration', async () => {
    const production = await loadAppConfig([
      'app-config.yaml',
      'app-config.production.yaml',
    ]);
    const server = await startAuth(production.getOptional('auth') ?? {});
    const users = await request(server).get('/api/auth/demo/users');
    expect(users.status).toBe(404);
    const refresh = await request(server)
      .get('/api/auth/demo/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set(DEMO_USER_HEADER, 'user:default/grace.adeyemi');
    expect(refresh.status).toBe(404);
  });
});
