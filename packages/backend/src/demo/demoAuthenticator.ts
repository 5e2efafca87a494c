import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';

/** The header in which the demo sign-in page names the user to sign in as. */
export const DEMO_USER_HEADER = 'x-ml-foundation-demo-user';

/** What the demo sign-in asks for: a User entity ref. */
export type DemoSignInRequest = { userEntityRef: string };

/**
 * Reads the user to sign in as from the {@link DEMO_USER_HEADER} request
 * header, with no proof of who is asking: for the demo only. Refuses to run
 * in a production build unless the config says otherwise.
 */
export const demoAuthenticator = createProxyAuthenticator<
  { disabled: boolean },
  DemoSignInRequest,
  undefined
>({
  defaultProfileTransform: async (result, ctx) => {
    const { entity } = await ctx.findCatalogUser({
      entityRef: result.userEntityRef,
    });
    const profile = (entity.spec?.profile ?? {}) as {
      displayName?: string;
      email?: string;
      picture?: string;
    };
    return {
      profile: {
        displayName: profile.displayName ?? entity.metadata.name,
        email: profile.email,
        picture: profile.picture,
      },
    };
  },
  initialize({ config }: { config: Config }) {
    return {
      disabled:
        process.env.NODE_ENV === 'production' &&
        config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') !==
          true,
    };
  },
  async authenticate({ req }, { disabled }) {
    if (disabled) {
      throw new NotAllowedError(
        'The demo sign-in lets anyone act as any user and is refused in a production build; remove auth.providers.demo (it belongs in app-config.demo.yaml only) or set auth.providers.demo.dangerouslyAllowOutsideDevelopment',
      );
    }
    const requested = req.get(DEMO_USER_HEADER);
    if (!requested) {
      throw new InputError(
        `Name the user to sign in as in the ${DEMO_USER_HEADER} header`,
      );
    }
    let userEntityRef: string;
    try {
      userEntityRef = stringifyEntityRef(
        parseEntityRef(requested, { defaultKind: 'user' }),
      );
    } catch (error) {
      throw new InputError(`Not a user entity ref: ${requested}`, error);
    }
    if (!userEntityRef.startsWith('user:')) {
      throw new InputError(`Not a user entity ref: ${requested}`);
    }
    return { result: { userEntityRef } };
  },
});
