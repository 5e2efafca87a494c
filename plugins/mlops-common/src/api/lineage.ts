/** Which way to walk the lineage from the entity. */
export type LineageDirection = 'upstream' | 'downstream' | 'both';

/** A node of a lineage graph: a catalog entity, or a raw S3 input. */
export type LineageNode = {
  /** Entity ref, or the S3 URI for a raw input. */
  id: string;
  kind: string;
  name: string;
  title?: string;
  namespace?: string;
  /** True for raw S3 inputs that map to no Dataset. */
  unmatched?: boolean;
  /** Hops from the root entity. */
  depth: number;
};

/** A directed edge: data flows from `source` to `target`. */
export type LineageEdge = {
  source: string;
  target: string;
  /** The catalog relation it comes from, e.g. `trainedOn`. */
  relation: string;
};

/** Lineage of an entity to a depth. */
export type LineageGraph = {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** True when the depth limit cut the graph. */
  truncated: boolean;
};
