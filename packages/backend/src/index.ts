import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Each provider is off until configured under auth.providers: GitHub for
// production (app-config.production.yaml), the demo's pick-a-user sign-in
// (app-config.demo.yaml).
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));
backend.add(import('./demo'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Lists entities that failed processing, with their errors, in the portal.
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
backend.add(import('@ml-foundation/plugin-catalog-backend-module-mlops'));
backend.add(
  import('@ml-foundation/plugin-catalog-backend-module-aws-sagemaker'),
);
backend.add(import('@ml-foundation/plugin-catalog-backend-module-aws-glue'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
// Publishing to GitHub (publish:github, publish:github:pull-request); the
// GitLab and Bitbucket modules are not installed (docs/scaffolder.md).
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// The mlops:* actions of the templates in templates/.
backend.add(import('@ml-foundation/plugin-scaffolder-backend-module-mlops'));

backend.add(import('@backstage/plugin-permission-backend'));
// Who may request, approve and waive promotions, and read the audit trail
// (mlops.governance.* config); the rest of the portal is allowed as before.
backend.add(import('./permissions'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@ml-foundation/plugin-mlops-backend'));

backend.start();
