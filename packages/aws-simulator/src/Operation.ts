import { RegionEstate } from './Estate';
import { OperationInput } from './OperationInput';

/** What an operation sees of the simulator for one call. */
export interface OperationContext {
  accountId: string;
  region: string;
  /** The caller's region of the live estate (an empty one if it has none). */
  regionEstate: RegionEstate;
  pageSize: number;
  /** `Service.Operation`, e.g. `SageMaker.ListModelPackages`. */
  operation: string;
  /** Records the call's input as a write that changed the estate (see `AwsSimulator.calls`). */
  recordWrite(): void;
  /** Client tokens of idempotent writes already applied, with the request each came with. */
  clientTokens: Map<string, string>;
}

/** One awsJson1_1 operation of the simulator. */
export interface Operation {
  /**
   * Input members the simulator implements. A call with any other member is
   * refused, so that a filter the simulator would ignore cannot make a test
   * pass on results AWS would not return.
   */
  members: string[];
  handle(input: OperationInput, context: OperationContext): object;
}
