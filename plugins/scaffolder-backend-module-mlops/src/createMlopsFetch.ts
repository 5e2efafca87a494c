import { AuthService } from '@backstage/backend-plugin-api';
import { MlopsFetch } from '@ml-foundation/plugin-mlops-common';

/**
 * A fetch that calls the mlops backend as this plugin (a service principal),
 * so the scaffolder's actions need no user token.
 */
export function createMlopsServiceFetch(auth: AuthService): MlopsFetch {
  return {
    async fetch(input, init) {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'mlops',
      });
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  };
}
