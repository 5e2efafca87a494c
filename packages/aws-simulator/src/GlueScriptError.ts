/** A Glue script the simulator cannot read, answered InvalidInputException. */
export class GlueScriptError extends Error {
  constructor(problem: string, line: number) {
    super(`Unable to parse the script: ${problem} at line ${line}`);
    this.name = 'GlueScriptError';
  }
}
