import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

const demoUsers = [
  {
    userEntityRef: 'user:default/amelia.hart',
    displayName: 'Amelia Hart',
    email: 'amelia.hart@example.com',
    memberOf: ['group:default/customer-ml'],
  },
  {
    userEntityRef: 'user:default/grace.adeyemi',
    displayName: 'Grace Adeyemi',
    email: 'grace.adeyemi@example.com',
    memberOf: ['group:default/model-risk'],
  },
];

/** The backend as the app sees it: demo sign-in on or off, an empty catalog. */
function fakeBackend(options: { demo: boolean }) {
  const requests: { url: string; headers: Headers }[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  const fetchMock = jest.fn(
    async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      requests.push({ url, headers: new Headers(init?.headers) });
      const { pathname } = new URL(url);
      if (pathname === '/api/auth/demo/users') {
        return options.demo
          ? json({ items: demoUsers })
          : json({ error: { name: 'NotFoundError' } }, 404);
      }
      if (pathname === '/api/auth/demo/refresh') {
        return json({
          profile: { displayName: 'Grace Adeyemi' },
          providerInfo: {},
          backstageIdentity: {
            token: 'a.e30.c',
            identity: {
              type: 'user',
              userEntityRef: 'user:default/grace.adeyemi',
              ownershipEntityRefs: ['user:default/grace.adeyemi'],
            },
          },
        });
      }
      if (pathname.startsWith('/api/auth/')) {
        return json({ error: { name: 'NotFoundError' } }, 404);
      }
      return json({ items: [], totalItems: 0, pageInfo: {} });
    },
  );
  global.fetch = fetchMock as typeof fetch;
  return requests;
}

/**
 * The app's features as the CLI's bundler discovers them for `app.packages:
 * all` (the frontend plugins among packages/app's dependencies, and their
 * /alpha entry points); jest has no bundler to do it.
 */
function discoverPackagesAsTheBundlerDoes() {
  const { dependencies } = require('../package.json');
  const modules = Object.keys(dependencies).flatMap(name => {
    let manifest;
    try {
      manifest = require(`${name}/package.json`);
    } catch {
      return [];
    }
    const role = manifest.backstage?.role;
    if (role !== 'frontend-plugin' && role !== 'frontend-plugin-module') {
      return [];
    }
    const entryPoints = manifest.exports?.['./alpha']
      ? [name, `${name}/alpha`]
      : [name];
    return entryPoints.map(entryPoint => ({
      name,
      default: require(entryPoint).default,
    }));
  });
  (window as any)['__@backstage/discovered__'] = { modules };
}

function renderApp() {
  discoverPackagesAsTheBundlerDoes();
  const App = require('./App').default;
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: {
            title: 'ML Foundation',
            baseUrl: 'http://localhost:3000',
            packages: 'all',
          },
          backend: { baseUrl: 'http://localhost:7007' },
          organization: { name: 'Acme ML' },
        },
        context: 'test',
      },
    ] as any,
  };
  return render(App.createRoot());
}

// Loading every frontend plugin of the app, as the bundler would, takes a while.
jest.setTimeout(300_000);

describe('App', () => {
  const originalFetch = global.fetch;
  afterEach(() => {
    global.fetch = originalFetch;
    window.sessionStorage.clear();
  });

  // First: the app keeps a signed-in session across createRoot() calls, so
  // this test must run before one that signs in.
  it('offers GitHub sign-in when the backend has no demo sign-in', async () => {
    fakeBackend({ demo: false });
    renderApp();

    expect(
      await screen.findByText(
        'Sign in with your GitHub account',
        {},
        { timeout: 60_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Grace Adeyemi')).not.toBeInTheDocument();
  });

  it('lets a demo visitor pick a user by team and signs them in as that user', async () => {
    const requests = fakeBackend({ demo: true });
    renderApp();

    expect(
      await screen.findByRole(
        'heading',
        { name: 'Sign in to the ML Foundation demo' },
        { timeout: 60_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Members of model-risk' }),
    ).toHaveTextContent('Grace Adeyemi');

    await userEvent.click(
      screen.getByRole('button', { name: /Sign in as Grace Adeyemi/ }),
    );

    // Signed in: the portal's navigation replaces the sign-in page.
    const nav = await screen.findByRole(
      'navigation',
      { name: 'sidebar nav' },
      { timeout: 60_000 },
    );
    expect(within(nav).getByRole('link', { name: 'Catalog' })).toBeVisible();
    expect(within(nav).getByRole('link', { name: 'Settings' })).toBeVisible();
    expect(
      screen.queryByRole('heading', {
        name: 'Sign in to the ML Foundation demo',
      }),
    ).not.toBeInTheDocument();
    const refresh = requests.find(r =>
      r.url.endsWith('/api/auth/demo/refresh'),
    );
    expect(refresh?.headers.get('x-ml-foundation-demo-user')).toBe(
      'user:default/grace.adeyemi',
    );
  });
});
