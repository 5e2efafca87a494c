import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  getMlEntityReferences,
  isMlEntity,
  validateMlEntity,
} from '@ml-foundation/plugin-mlops-common';

/**
 * Validates the ML Foundation kinds and emits the relations their specs
 * describe, each with its inverse. Also emits `consumes`/`produces` for
 * Components of type `data-pipeline`.
 */
export class MlEntitiesProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'MlEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isMlEntity(entity)) {
      return false;
    }
    validateMlEntity(entity);
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    for (const reference of getMlEntityReferences(entity)) {
      emit(
        processingResult.relation({
          source: self,
          type: reference.relation,
          target: reference.target,
        }),
      );
      emit(
        processingResult.relation({
          source: reference.target,
          type: reference.inverse,
          target: self,
        }),
      );
    }
    return entity;
  }
}
