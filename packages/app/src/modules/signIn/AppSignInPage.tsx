import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Progress,
  ProxiedSignInPage,
  SignInPage,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  githubAuthApiRef,
  IdentityApi,
  useApi,
} from '@backstage/core-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import { DEMO_USER_HEADER, DemoUser } from './DemoUser';
import { DemoUserPicker } from './DemoUserPicker';

// Per tab, so that two tabs can be two people (a requester and an approver).
const CHOSEN_USER_KEY = 'ml-foundation.demo-user';

/** Forgets the chosen user on sign-out, so the picker shows again. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      window.sessionStorage.removeItem(CHOSEN_USER_KEY);
      await identity.signOut();
    },
  };
}

/**
 * Sign-in: the demo's user picker when the backend offers demo sign-in
 * (`auth.providers.demo`, app-config.demo.yaml only), GitHub otherwise.
 */
export function AppSignInPage(props: SignInPageProps) {
  const discoveryApi = useApi(discoveryApiRef);
  const [chosen, setChosen] = useState(() =>
    window.sessionStorage.getItem(CHOSEN_USER_KEY),
  );
  const demoUsers = useAsync(async (): Promise<DemoUser[] | undefined> => {
    const response = await fetch(
      `${await discoveryApi.getBaseUrl('auth')}/demo/users`,
    );
    // No demo sign-in: production.
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw new Error(
        `Could not list the demo users (${response.status} ${response.statusText}): the backend may still be starting, reload in a moment`,
      );
    }
    return (await response.json()).items;
  }, [discoveryApi]);

  if (demoUsers.loading) {
    return <Progress />;
  }
  if (!demoUsers.value && !demoUsers.error) {
    return (
      <SignInPage
        {...props}
        providers={[
          {
            id: 'github-auth-provider',
            title: 'GitHub',
            message: 'Sign in with your GitHub account',
            apiRef: githubAuthApiRef,
          },
        ]}
      />
    );
  }

  const pick = (user: DemoUser) => {
    window.sessionStorage.setItem(CHOSEN_USER_KEY, user.userEntityRef);
    setChosen(user.userEntityRef);
  };
  const users = demoUsers.value ?? [];
  if (!chosen) {
    return (
      <DemoUserPicker users={users} onPick={pick} error={demoUsers.error} />
    );
  }
  return (
    <ProxiedSignInPage
      key={chosen}
      provider="demo"
      headers={{ [DEMO_USER_HEADER]: chosen }}
      onSignInSuccess={identity =>
        props.onSignInSuccess(forgetOnSignOut(identity))
      }
      ErrorComponent={({ error }) => (
        <DemoUserPicker users={users} onPick={pick} error={error} />
      )}
    />
  );
}
