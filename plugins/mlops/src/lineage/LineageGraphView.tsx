import {
  Background,
  Controls,
  Handle,
  MiniMap,
  Position,
  ReactFlow,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { LineageGraph } from '@ml-foundation/plugin-mlops-common';
import { memo, useMemo } from 'react';
import {
  kindColour,
  layoutLineage,
  NODE_HEIGHT,
  NODE_WIDTH,
  type LineageNodeData,
} from './layoutLineage';

const LineageNodeBox = memo(function LineageNodeView(
  props: NodeProps<Node<LineageNodeData>>,
) {
  const { data } = props;
  const colour = kindColour(data.kind);
  return (
    <div
      title={data.id}
      style={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        boxSizing: 'border-box',
        border: `2px ${data.unmatched ? 'dashed' : 'solid'} ${colour}`,
        borderRadius: 6,
        background: data.root ? colour : '#fff',
        color: data.root ? '#fff' : '#222',
        padding: '2px 8px',
        fontSize: 12,
        overflow: 'hidden',
        cursor: data.unmatched ? 'default' : 'pointer',
      }}
    >
      <Handle type="target" position={Position.Left} />
      <div
        style={{
          fontSize: 10,
          textTransform: 'uppercase',
          color: data.root ? '#fff' : colour,
        }}
      >
        {data.unmatched ? 'S3 input (no dataset)' : data.kind}
      </div>
      <div
        style={{
          whiteSpace: 'nowrap',
          textOverflow: 'ellipsis',
          overflow: 'hidden',
        }}
      >
        {data.title ?? data.name}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

const nodeTypes = { lineage: LineageNodeBox };

/** An interactive lineage graph: pan, zoom, minimap; clicking a node opens it. */
export function LineageGraphView(props: {
  graph: LineageGraph;
  onOpen: (entityRef: string) => void;
  height?: number;
}) {
  const { nodes, edges } = useMemo(
    () => layoutLineage(props.graph),
    [props.graph],
  );
  return (
    <div
      style={{ width: '100%', height: props.height ?? 600 }}
      data-testid="lineage-graph"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        onlyRenderVisibleElements
        onNodeClick={(_event, node) => {
          if (!node.data.unmatched && !node.data.root) props.onOpen(node.id);
        }}
        proOptions={{ hideAttribution: true }}
      >
        <MiniMap
          pannable
          zoomable
          nodeColor={n => kindColour(String(n.data.kind))}
        />
        <Controls showInteractive={false} />
        <Background />
      </ReactFlow>
    </div>
  );
}
