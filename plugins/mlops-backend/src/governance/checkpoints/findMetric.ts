import type { Entity } from '@backstage/catalog-model';
import type { ModelMetric } from '@ml-foundation/plugin-mlops-common';

/**
 * A version's metric by the name a policy uses: `validation:auc` is the
 * `auc` metric of the validation split (SageMaker's `<channel>:<metric>`),
 * `auc` alone the first metric of that name.
 */
export function findMetric(
  version: Entity,
  name: string,
): ModelMetric | undefined {
  const metrics = ((version.spec?.metrics as ModelMetric[] | undefined) ??
    []) as ModelMetric[];
  const separator = name.indexOf(':');
  if (separator > 0) {
    const split = name.slice(0, separator);
    const metric = name.slice(separator + 1);
    const match = metrics.find(m => m.split === split && m.name === metric);
    if (match) {
      return match;
    }
  }
  return metrics.find(m => m.name === name);
}
