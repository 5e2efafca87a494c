#!/usr/bin/env node
// Seeds the demo with promotion reviews in several states, through the
// portal's REST API as demo users (the demo sign-in of app-config.demo.yaml):
//
//   fraud-detector v4 -> production: requested by hannah.cho, approved by
//     grace.adeyemi, awaiting a second model-risk approval;
//   customer-lifetime-value v3 -> staging: requested by sofia.marquez,
//     approved by oliver.brennan, written back to SageMaker (the simulator);
//   churn-classifier v2 -> production: requested by daniel.okafor, rejected
//     by grace.adeyemi.
//
// Idempotent: a version that already has a review for the stage is skipped.
// Usage: node scripts/lib/seed-demo-reviews.js [backend base URL]

const BASE = process.argv[2] ?? 'http://localhost:7007';
const WAIT_MS = 10 * 60 * 1000;

const SEEDS = [
  {
    model: 'fraud-detector',
    version: 4,
    targetStage: 'production',
    requester: 'hannah.cho',
    comment: 'Merchant risk features: +0.2 points of validation AUC.',
    decisions: [
      {
        by: 'grace.adeyemi',
        decision: 'approve',
        comment: 'Back-test reviewed; fine by me.',
      },
    ],
  },
  {
    model: 'customer-lifetime-value',
    version: 3,
    targetStage: 'staging',
    requester: 'sofia.marquez',
    comment: 'Deeper trees; staging to compare with v2 on live traffic.',
    decisions: [
      { by: 'oliver.brennan', decision: 'approve', comment: 'OK for staging.' },
    ],
  },
  {
    model: 'churn-classifier',
    version: 2,
    targetStage: 'production',
    requester: 'daniel.okafor',
    comment: 'Large AUC gain over v1.',
    decisions: [
      {
        by: 'grace.adeyemi',
        decision: 'reject',
        comment:
          'days_to_contract_end leaks the label: it is reset when a customer cancels.',
      },
    ],
  },
];

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function until(what, fn) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`Gave up waiting for ${what}`);
    }
    await sleep(3000);
  }
}

const tokens = new Map();
async function tokenOf(user) {
  if (!tokens.has(user)) {
    const response = await fetch(`${BASE}/api/auth/demo/refresh`, {
      headers: {
        'x-ml-foundation-demo-user': `user:default/${user}`,
        'x-requested-with': 'XMLHttpRequest',
      },
    });
    if (!response.ok) {
      throw new Error(
        `Demo sign-in as ${user}: ${response.status} ${await response.text()}`,
      );
    }
    tokens.set(user, (await response.json()).backstageIdentity.token);
  }
  return tokens.get(user);
}

async function api(user, method, path, body) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(user)}`,
      ...(body && { 'content-type': 'application/json' }),
    },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} as ${user}: ${response.status} ${text}`);
  }
  return JSON.parse(text);
}

const refOf = entity =>
  `${entity.kind.toLowerCase()}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`;

/** The synced ModelVersion (its name ends in a hash of its ARN). */
async function findVersion(user, model, version) {
  const { items } = await api(
    user,
    'GET',
    `/api/catalog/entities/by-query?filter=kind=modelversion,spec.version=${version}&limit=100`,
  );
  return items.find(e =>
    String(e.spec?.model ?? '').startsWith(`model:default/${model}-`),
  );
}

async function seed(s) {
  const version = await until(`${s.model} v${s.version} in the catalog`, () =>
    findVersion(s.requester, s.model, s.version),
  );
  const entityRef = refOf(version);
  const { items } = await api(
    s.requester,
    'GET',
    `/api/mlops/governance/reviews?entityRef=${encodeURIComponent(entityRef)}`,
  );
  if (items.some(r => r.targetStage === s.targetStage)) {
    console.log(`${entityRef} -> ${s.targetStage}: already reviewed`);
    return;
  }
  let review = await api(s.requester, 'POST', '/api/mlops/governance/reviews', {
    entityRef,
    targetStage: s.targetStage,
    comment: s.comment,
  });
  for (const d of s.decisions) {
    review = await api(
      d.by,
      'POST',
      `/api/mlops/governance/reviews/${review.id}/decisions`,
      {
        decision: d.decision,
        comment: d.comment,
      },
    );
  }
  console.log(`${entityRef} -> ${s.targetStage}: ${review.state}`);
}

async function main() {
  await until(
    'the backend',
    async () => (await fetch(`${BASE}/api/mlops/health`)).ok,
  );
  for (const s of SEEDS) {
    await seed(s);
  }
}

main().catch(error => {
  console.error(`Seeding the demo reviews failed: ${error.message}`);
  process.exitCode = 1;
});
