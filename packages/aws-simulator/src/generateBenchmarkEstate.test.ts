import { generateBenchmarkEstate } from './generateBenchmarkEstate';

describe('generateBenchmarkEstate', () => {
  it('generates the benchmark sizes quickly', () => {
    const started = Date.now();
    const estate = generateBenchmarkEstate();
    expect(Date.now() - started).toBeLessThan(5000);
    const { sagemaker: sm, glue } = estate.regions['eu-west-1'];
    expect(sm.modelPackageGroups).toHaveLength(2000);
    expect(sm.modelPackages).toHaveLength(10000);
    expect(sm.trainingJobs).toHaveLength(10000);
    expect(sm.featureGroups).toHaveLength(1000);
    expect(
      sm.featureGroups.reduce(
        (n, fg) => n + (fg.FeatureDefinitions as unknown[]).length,
        0,
      ),
    ).toBe(30000);
    expect(glue.tables).toHaveLength(5000);
    expect(glue.jobs).toHaveLength(500);
    for (const job of glue.jobs) {
      expect(
        estate.s3[(job.Command as { ScriptLocation: string }).ScriptLocation],
      ).toBeDefined();
    }
  });

  it('is deterministic for a seed', () => {
    const sizes = {
      modelGroups: 3,
      featureGroups: 2,
      glueTables: 10,
      glueJobs: 2,
    };
    expect(generateBenchmarkEstate(sizes)).toEqual(
      generateBenchmarkEstate(sizes),
    );
    expect(generateBenchmarkEstate({ ...sizes, seed: 2 })).not.toEqual(
      generateBenchmarkEstate(sizes),
    );
  });
});
