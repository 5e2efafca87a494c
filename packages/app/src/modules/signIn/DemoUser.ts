/**
 * A user the demo sign-in offers, as `GET /api/auth/demo/users` lists them
 * (packages/backend/src/demo/listDemoUsers.ts).
 */
export type DemoUser = {
  userEntityRef: string;
  displayName: string;
  email?: string;
  memberOf: string[];
};

/** The request header naming the user to sign in as (see the backend's demoAuthenticator). */
export const DEMO_USER_HEADER = 'x-ml-foundation-demo-user';
