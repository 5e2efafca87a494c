import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import { parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import type { LatestQuality } from '../../data/DataService';
import { validateCheckpointSettings } from './validateCheckpointSettings';

const settings = z.object({ minScore: z.number().min(0).max(1) }).passthrough();

/**
 * `data-quality`: every Dataset the version was trained on has a latest
 * Glue Data Quality score of at least `minScore` (0..1). A Dataset without
 * results, or whose results could not be read, fails it; FeatureGroups are
 * not checked.
 *
 * @param latestQuality - a Dataset's latest quality, undefined when it is not in the catalog
 */
export function createDataQualityCheckpoint(
  latestQuality: (datasetRef: string) => Promise<LatestQuality | undefined>,
): MlopsCheckpointType {
  return {
    type: 'data-quality',
    validate: definition => validateCheckpointSettings(settings, definition),
    async evaluate({ definition, version }) {
      const { minScore } = validateCheckpointSettings(settings, definition);
      const trainedOn = (version.spec?.trainedOn as string[] | undefined) ?? [];
      const datasetRefs = trainedOn.filter(ref => {
        try {
          return (
            parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'dataset'
          );
        } catch {
          return false;
        }
      });
      if (datasetRefs.length === 0) {
        return {
          state: 'failed',
          message: 'The version names no Dataset it was trained on',
          evidence: { minScore, datasets: [] },
        };
      }
      const datasets = await Promise.all(
        datasetRefs.map(async ref => {
          const quality = await latestQuality(ref);
          const score = quality?.latest?.score;
          let problem: string | undefined;
          if (!quality) {
            problem = 'not in the catalog';
          } else if (quality.state === 'unknown') {
            problem = `quality unknown (${quality.reason ?? 'not read'})`;
          } else if (score === undefined) {
            problem = 'no data quality result';
          } else if (score < minScore) {
            problem = `score ${score} < ${minScore}`;
          }
          return {
            entityRef: ref,
            score: score ?? null,
            ruleset: quality?.latest?.ruleset ?? null,
            resultId: quality?.latest?.resultId ?? null,
            startedAt: quality?.latest?.startedAt ?? null,
            passed: !problem,
            ...(problem ? { problem } : {}),
          };
        }),
      );
      const unmet = datasets.filter(d => !d.passed);
      return {
        state: unmet.length > 0 ? 'failed' : 'passed',
        message:
          unmet.length > 0
            ? unmet.map(d => `${d.entityRef}: ${d.problem}`).join('; ')
            : `${datasets
                .map(d => `${d.entityRef} ${d.score}`)
                .join(', ')} >= ${minScore}`,
        evidence: { minScore, datasets },
      };
    },
  };
}
