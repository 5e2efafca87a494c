import { GlueScriptError } from './GlueScriptError';
import { parseGlueScript } from './parseGlueScript';

describe('parseGlueScript', () => {
  it('makes nodes of sources, transforms and sinks, with Python source values', () => {
    const graph = parseGlueScript(`
datasource0 = glueContext.create_dynamic_frame.from_catalog(database = "sales_db", table_name = 'orders', transformation_ctx = "datasource0")
raw = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": ["s3://lake/x/"], "recurse": True},  # comment (with a paren
    format="json",
)
joined = Join.apply(frame1=datasource0, frame2=raw, keys1=["id"], keys2=["id"])
glueContext.write_dynamic_frame.from_options(frame=joined, connection_type="s3", connection_options={"path": "s3://lake/out/"}, format="parquet", transformation_ctx="sink")
`);
    expect(graph.DagNodes).toEqual([
      {
        Id: 'datasource0',
        NodeType: 'DataSource',
        Args: [
          { Name: 'database', Value: '"sales_db"', Param: false },
          { Name: 'table_name', Value: "'orders'", Param: false },
          { Name: 'transformation_ctx', Value: '"datasource0"', Param: false },
        ],
        LineNumber: 2,
      },
      {
        Id: 'raw',
        NodeType: 'DataSource',
        Args: [
          { Name: 'connection_type', Value: '"s3"', Param: false },
          {
            Name: 'connection_options',
            Value: '{"paths": ["s3://lake/x/"], "recurse": True}',
            Param: false,
          },
          { Name: 'format', Value: '"json"', Param: false },
        ],
        LineNumber: 3,
      },
      {
        Id: 'joined',
        NodeType: 'Join',
        Args: [
          { Name: 'keys1', Value: '["id"]', Param: false },
          { Name: 'keys2', Value: '["id"]', Param: false },
        ],
        LineNumber: 8,
      },
      {
        Id: 'sink',
        NodeType: 'DataSink',
        Args: [
          { Name: 'connection_type', Value: '"s3"', Param: false },
          {
            Name: 'connection_options',
            Value: '{"path": "s3://lake/out/"}',
            Param: false,
          },
          { Name: 'format', Value: '"parquet"', Param: false },
          { Name: 'transformation_ctx', Value: '"sink"', Param: false },
        ],
        LineNumber: 9,
      },
    ]);
    expect(graph.DagEdges).toEqual([
      { Source: 'datasource0', Target: 'joined', TargetParameter: 'frame1' },
      { Source: 'raw', Target: 'joined', TargetParameter: 'frame2' },
      { Source: 'joined', Target: 'sink', TargetParameter: 'frame' },
    ]);
  });

  it('keeps a frame made outside Glue transforms as an argument, not an edge', () => {
    const graph = parseGlueScript(`
frame = glueContext.create_dynamic_frame_from_catalog(database="a", table_name="b")
frame = DynamicFrame.fromDF(frame.toDF().distinct(), glueContext, "dedup")
glueContext.write_dynamic_frame_from_catalog(frame=frame, database="a", table_name="c")
`);
    expect(graph.DagNodes.map(n => n.Id)).toEqual(['frame', 'DataSink1']);
    expect(graph.DagNodes[1].Args[0]).toEqual({
      Name: 'frame',
      Value: 'frame',
      Param: false,
    });
    expect(graph.DagEdges).toEqual([]);
  });

  it('reads strings the way Python does', () => {
    const graph = parseGlueScript(
      [
        'doc = """a ( multi-line',
        'string with \'quotes\'"""',
        `src = glueContext.create_dynamic_frame.from_catalog(database=r"db\\"x", table_name="t", \\`,
        '    push_down_predicate=f"dt = \'{day}\'")',
      ].join('\n'),
    );
    expect(graph.DagNodes[0]).toMatchObject({
      Id: 'src',
      LineNumber: 3,
      Args: [
        { Name: 'database', Value: 'r"db\\"x"' },
        { Name: 'table_name', Value: '"t"' },
        { Name: 'push_down_predicate', Value: `f"dt = '{day}'"` },
      ],
    });
  });

  it('gives an empty graph for a script without Glue frames', () => {
    expect(parseGlueScript('spark.sql("INSERT INTO t SELECT 1")\n')).toEqual({
      DagNodes: [],
      DagEdges: [],
    });
  });

  it.each([
    [
      'an unterminated string',
      'x = glueContext.create_dynamic_frame.from_catalog(database="db)\n',
    ],
    [
      'an unclosed call',
      'x = glueContext.create_dynamic_frame.from_catalog(database="db",\n',
    ],
    ['a stray bracket', 'x = f(a))\n'],
    ['a stray character', 'x = $y\n'],
  ])('refuses a script with %s', (_, script) => {
    expect(() => parseGlueScript(script)).toThrow(GlueScriptError);
  });
});
