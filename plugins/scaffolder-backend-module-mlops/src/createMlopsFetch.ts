import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { MlopsFetch } from '@ml-foundation/plugin-mlops-common';

/**
 * A fetch that calls the mlops backend with a token for `onBehalfOf`: the
 * scaffolder's own service credentials (the audit trail accepts events from
 * services only), or the credentials of the user running a template (the
 * governance routes answer users only, with their permissions).
 */
export function createMlopsFetch(
  auth: AuthService,
  onBehalfOf: () => Promise<BackstageCredentials>,
): MlopsFetch {
  return {
    async fetch(input, init) {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await onBehalfOf(),
        targetPluginId: 'mlops',
      });
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  };
}
