import { InfoCard } from '@backstage/core-components';
import type { ComponentProps } from 'react';

type InfoCardProps = ComponentProps<typeof InfoCard>;

/**
 * Backstage's InfoCard as a region named after its title: screen readers
 * (and browser tests) can find "Model health" among a page's cards, as they
 * find the catalog's own cards.
 */
export function MlCard(props: InfoCardProps & { title: string }) {
  return (
    <section
      aria-label={props.title}
      style={props.variant?.includes('gridItem') ? { height: '100%' } : {}}
    >
      <InfoCard {...props} />
    </section>
  );
}
