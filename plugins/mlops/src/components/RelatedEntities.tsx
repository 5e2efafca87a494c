import type { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';

/** The entities an entity has the given relations to, grouped by kind. */
export function RelatedEntities(props: {
  entity: Entity;
  relations: string[];
  empty: string;
}) {
  const refs = [
    ...new Set(
      (props.entity.relations ?? [])
        .filter(r => props.relations.includes(r.type))
        .map(r => r.targetRef),
    ),
  ].sort();
  if (refs.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.empty}
      </Typography>
    );
  }
  return (
    <ul style={{ marginTop: 0 }}>
      {refs.map(ref => (
        <li key={ref}>
          <EntityRefLink entityRef={ref} />{' '}
          <Typography component="span" variant="caption" color="textSecondary">
            {ref.split(':')[0]}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
