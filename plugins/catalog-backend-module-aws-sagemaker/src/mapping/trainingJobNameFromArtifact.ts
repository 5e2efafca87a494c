/**
 * The training job that wrote a model artifact, read off SageMaker's default
 * output path `<output>/<training-job-name>/output/model.tar.gz`, so the job
 * can be described directly instead of listing and describing every job.
 */
export function trainingJobNameFromArtifact(
  modelDataUrl: string | undefined,
): string | undefined {
  const match =
    /\/([A-Za-z0-9](?:-*[A-Za-z0-9]){0,62})\/output\/model\.tar\.gz$/.exec(
      modelDataUrl ?? '',
    );
  return match?.[1];
}
