import type { HubItem } from './useMlEstate';

/** The hub's filters; empty strings match anything. */
export type HubFilters = {
  text: string;
  kind: string;
  owner: string;
  tag: string;
  approvalStatus: string;
  stage: string;
  /** Only items owned by one of the user's ownership refs. */
  mine: boolean;
};

/** The items that match every filter. */
export function filterHubItems(
  items: HubItem[],
  filters: HubFilters,
  ownershipRefs: string[],
): HubItem[] {
  const text = filters.text.trim().toLocaleLowerCase('en-US');
  const stage = filters.stage.toLocaleLowerCase('en-US');
  return items.filter(
    item =>
      (!text ||
        [item.name, item.title, item.description, ...item.tags].some(s =>
          s.toLocaleLowerCase('en-US').includes(text),
        )) &&
      (!filters.kind || item.kind === filters.kind) &&
      (!filters.owner || item.owner === filters.owner) &&
      (!filters.tag || item.tags.includes(filters.tag)) &&
      (!filters.approvalStatus ||
        item.approvalStatus === filters.approvalStatus) &&
      (!stage ||
        item.stages.some(s => s.toLocaleLowerCase('en-US') === stage)) &&
      (!filters.mine || ownershipRefs.includes(item.owner)),
  );
}
