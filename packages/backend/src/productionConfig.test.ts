import { JsonValue } from '@backstage/types';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAppConfig } from './__testUtils__/loadAppConfig';

/** Every `path: value` pair of a config tree, arrays indexed. */
function leaves(
  value: JsonValue | undefined,
  path = '',
): [string, JsonValue][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => leaves(item, `${path}[${i}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      leaves(item, path ? `${path}.${key}` : key),
    );
  }
  return value === undefined ? [] : [[path, value]];
}

const onLocalhost = (value: JsonValue) =>
  typeof value === 'string' &&
  /^\w+:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])([:/]|$)/i.test(value);

describe('the production configuration (app-config.yaml + app-config.production.yaml)', () => {
  let config: [string, JsonValue][];
  let providers: string[];

  beforeAll(async () => {
    const loaded = await loadAppConfig([
      'app-config.yaml',
      'app-config.production.yaml',
    ]);
    config = leaves(loaded.get());
    providers = loaded.getOptionalConfig('auth.providers')?.keys() ?? [];
  });

  it('points nothing at this machine but the base URLs an adopter replaces', () => {
    expect(
      config
        .filter(([, value]) => onLocalhost(value))
        .map(([path]) => path)
        .sort(),
    ).toEqual(['app.baseUrl', 'backend.baseUrl', 'backend.cors.origin']);
  });

  it('uses the default AWS credential chain: no static AWS keys', () => {
    expect(
      config.filter(([path]) =>
        /(accessKeyId|secretAccessKey|sessionToken)$/i.test(path),
      ),
    ).toEqual([]);
  });

  it('offers neither guest nor demo sign-in', () => {
    expect(providers).not.toContain('guest');
    expect(providers).not.toContain('demo');
  });

  it('registers the ML templates, from the root of a deployed app', () => {
    const templates = config
      .filter(([path]) => /^catalog\.locations\[\d+\]\.target$/.test(path))
      .map(([, target]) => String(target))
      .filter(target => target.includes('template.yaml'));
    expect(templates).toContain('./templates/*/template.yaml');
    const templatesDir = resolve(__dirname, '..', '..', '..', 'templates');
    expect(
      readdirSync(templatesDir).filter(name =>
        existsSync(join(templatesDir, name, 'template.yaml')),
      ),
    ).toHaveLength(4);
  });
});

describe('the demo configuration (app-config.yaml + app-config.demo.yaml)', () => {
  it('syncs the simulator with both providers and offers demo sign-in', async () => {
    const demo = await loadAppConfig([
      'app-config.yaml',
      'app-config.demo.yaml',
    ]);
    expect(demo.getConfig('auth.providers').keys()).toEqual(['demo']);
    expect(demo.getString('catalog.providers.awsSagemaker.demo.endpoint')).toBe(
      'http://localhost:4566',
    );
    expect(demo.getString('catalog.providers.awsGlue.demo.endpoint')).toBe(
      'http://localhost:4566',
    );
  });
});
