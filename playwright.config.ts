import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each run starts the portal on an empty database of its own, so the tests see
// exactly the demo estate.
const dataDirectory = mkdtempSync(join(tmpdir(), 'mlf-e2e-'));

export default defineConfig({
  // The first test also waits for the dev server's first bundle.
  timeout: 300_000,
  expect: { timeout: 60_000 },

  webServer: [
    {
      command: 'yarn workspace @ml-foundation/aws-simulator start --port 4566',
      url: 'http://127.0.0.1:4566/_simulator/stats',
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      // The demo configuration, as ./scripts/start loads it.
      command: `yarn start ${['app-config.yaml', 'app-config.demo.yaml']
        .map(file => `--config ${join(__dirname, file)}`)
        .join(' ')}`,
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      env: { APP_CONFIG_backend_database_connection_directory: dataDirectory },
      stdout: 'ignore',
    },
  ],

  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    actionTimeout: 60_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // Debian's Chromium: the test tooling never downloads a browser of its own.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },

  outputDir: 'node_modules/.cache/e2e-test-results',
  projects: [{ name: 'app', testDir: 'packages/app/e2e-tests' }],
});
