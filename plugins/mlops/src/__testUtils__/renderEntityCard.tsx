import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  type CatalogApi,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { MlopsApi } from '@ml-foundation/plugin-mlops-common';
import { mlopsApiRef } from '../api/mlopsApiRef';

/** An MlopsApi whose every method is a jest mock, failing unless set up. */
export function mockMlopsApi(
  overrides: Partial<MlopsApi> = {},
): jest.Mocked<MlopsApi> {
  const fail = (name: string) =>
    jest.fn(async () => {
      throw new Error(`${name} was not expected`);
    });
  return {
    getPolicy: fail('getPolicy'),
    listReviews: fail('listReviews'),
    getReview: fail('getReview'),
    createReview: fail('createReview'),
    decide: fail('decide'),
    waive: fail('waive'),
    retryWriteBack: fail('retryWriteBack'),
    listAuditEvents: fail('listAuditEvents'),
    auditExportUrl: fail('auditExportUrl'),
    verifyAudit: fail('verifyAudit'),
    getLineage: fail('getLineage'),
    ...Object.fromEntries(
      Object.entries(overrides).map(([k, v]) => [k, jest.fn(v as any)]),
    ),
  } as unknown as jest.Mocked<MlopsApi>;
}

type TestAppOptions = {
  mlopsApi?: MlopsApi;
  catalogEntities?: Entity[];
  /** Instead of a catalog of `catalogEntities`, e.g. one with spies. */
  catalogApi?: CatalogApi;
  /** Whether the permission framework allows the user everything. */
  allowed?: boolean;
  userEntityRef?: string;
  /** The URL the test starts at, e.g. with a query string. */
  initialRouteEntries?: string[];
  /**
   * Answers the fetchApi's requests, e.g. to the catalog's sync status
   * routes; discovery then gives `http://example.com/api/<plugin>`.
   */
  fetch?: typeof fetch;
};

/** Renders a page of the plugin, e.g. the ML hub, against mocked APIs. */
export function renderMlopsPage(
  element: JSX.Element,
  options: TestAppOptions = {},
) {
  return renderInTestApp(element, {
    apis: [
      [mlopsApiRef, options.mlopsApi ?? mockMlopsApi()],
      [
        catalogApiRef,
        options.catalogApi ??
          catalogApiMock({ entities: options.catalogEntities ?? [] }),
      ],
      mockApis.permission({
        authorize:
          options.allowed === false
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
      mockApis.identity({
        userEntityRef: options.userEntityRef ?? 'user:default/alice',
        ownershipEntityRefs: [
          options.userEntityRef ?? 'user:default/alice',
          'group:default/ml-platform',
        ],
      }),
      ...(options.fetch
        ? [
            mockApis.discovery(),
            mockApis.fetch({ baseImplementation: options.fetch }),
          ]
        : []),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    initialRouteEntries: options.initialRouteEntries,
  });
}

/** Renders an entity card or tab for an entity, against mocked APIs. */
export function renderEntityCard(
  element: JSX.Element,
  options: TestAppOptions & { entity: Entity },
) {
  return renderMlopsPage(
    <EntityProvider entity={options.entity}>{element}</EntityProvider>,
    options,
  );
}
