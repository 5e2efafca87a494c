import type { FeatureImportance } from '@ml-foundation/plugin-mlops-common';

/**
 * The `topN` features of largest absolute importance, and the rest summed
 * into one bar named after how many they are.
 */
export function foldImportances(
  importances: FeatureImportance[],
  topN: number,
): FeatureImportance[] {
  const sorted = [...importances].sort(
    (a, b) => Math.abs(b.importance) - Math.abs(a.importance),
  );
  const rest = sorted.slice(topN);
  if (rest.length === 0) {
    return sorted;
  }
  return [
    ...sorted.slice(0, topN),
    {
      feature: `${rest.length} other features`,
      importance: rest.reduce((sum, i) => sum + Math.abs(i.importance), 0),
    },
  ];
}
