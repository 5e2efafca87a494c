import { layoutLineage } from './layoutLineage';

describe('layoutLineage', () => {
  it('places data upstream to the left of what it feeds', () => {
    const { nodes, edges } = layoutLineage({
      root: 'b',
      nodes: [
        { id: 'a', kind: 'Dataset', name: 'a', depth: 1 },
        { id: 'b', kind: 'ModelVersion', name: 'b', depth: 0 },
        { id: 'c', kind: 'ModelDeployment', name: 'c', depth: 1 },
      ],
      edges: [
        { source: 'a', target: 'b', relation: 'trainedOn' },
        { source: 'b', target: 'c', relation: 'deploys' },
      ],
      truncated: false,
    });
    const x = (id: string) => nodes.find(n => n.id === id)!.position.x;
    expect(x('a')).toBeLessThan(x('b'));
    expect(x('b')).toBeLessThan(x('c'));
    expect(nodes.find(n => n.id === 'b')!.data.root).toBe(true);
    expect(edges).toHaveLength(2);
  });
});
