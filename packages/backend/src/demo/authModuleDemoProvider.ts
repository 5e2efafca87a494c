import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import Router from 'express-promise-router';
import { demoAuthenticator } from './demoAuthenticator';
import { listDemoUsers } from './listDemoUsers';

/**
 * The demo's sign-in: `auth.providers.demo` (set in app-config.demo.yaml only)
 * enables a `demo` auth provider that signs in as any User of the catalog
 * (`GET /api/auth/demo/refresh` with the user's ref in the
 * `x-ml-foundation-demo-user` header), and `GET /api/auth/demo/users`, the
 * users the sign-in page offers. Without that config key neither exists.
 */
export const authModuleDemoProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ providers, config, catalog, auth, httpRouter }) {
        if (!config.has('auth.providers.demo')) {
          return;
        }
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
        const router = Router();
        router.get('/demo/users', async (_req, res) => {
          res.json({ items: await listDemoUsers({ catalog, auth }) });
        });
        httpRouter.use(router);
      },
    });
  },
});
