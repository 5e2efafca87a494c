import type {
  MlopsCheckpointType,
  MlopsCheckpointTypesExtensionPoint,
} from '@ml-foundation/plugin-mlops-node';
import { builtinCheckpointTypes } from './checkpoints/builtinCheckpointTypes';

/**
 * The checkpoint types by name, starting with the built-in ones, and the
 * extension point through which modules add theirs. A type name may be
 * registered once: a module cannot silently replace a built-in check.
 */
export function createCheckpointTypeRegistry(): {
  types: Map<string, MlopsCheckpointType>;
  extensionPoint: MlopsCheckpointTypesExtensionPoint;
} {
  const types = new Map(builtinCheckpointTypes.map(t => [t.type, t]));
  return {
    types,
    extensionPoint: {
      addCheckpointType(...added) {
        for (const type of added) {
          if (types.has(type.type)) {
            throw new Error(
              `Checkpoint type '${type.type}' is already registered`,
            );
          }
          types.set(type.type, type);
        }
      },
    },
  };
}
