import { trainingJobNameFromArtifact } from './trainingJobNameFromArtifact';

describe('trainingJobNameFromArtifact', () => {
  it("reads the job name from SageMaker's default output path", () => {
    expect(
      trainingJobNameFromArtifact(
        's3://acme-ml-artifacts/churn/churn-train-2026-10-01-12-00-00/output/model.tar.gz',
      ),
    ).toBe('churn-train-2026-10-01-12-00-00');
  });

  it('gives nothing for artifacts stored elsewhere', () => {
    expect(
      trainingJobNameFromArtifact('s3://bucket/models/churn.tar.gz'),
    ).toBeUndefined();
    expect(trainingJobNameFromArtifact(undefined)).toBeUndefined();
  });
});
