/** The path of a Model's Training runs tab, under its entity page. */
export const TRAINING_RUNS_PATH = 'training-runs';

/** The query parameter preselecting runs in it, e.g. `?run=<training job>`. */
export const RUN_QUERY_PARAMETER = 'run';
