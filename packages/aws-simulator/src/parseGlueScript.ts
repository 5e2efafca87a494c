import { PythonToken, tokenizePython } from './tokenizePython';

/** A node of the graph Glue's GetDataflowGraph returns. */
export interface DagNode {
  Id: string;
  /** `DataSource`, `DataSink`, or the transform's class, e.g. `ApplyMapping`. */
  NodeType: string;
  /** Each value is the argument's Python source, e.g. `"\"sales_db\""`. */
  Args: { Name: string; Value: string; Param: boolean }[];
  LineNumber: number;
}

/** An edge: the frame `Source` produced is passed to `Target` as `TargetParameter`. */
export interface DagEdge {
  Source: string;
  Target: string;
  TargetParameter: string;
}

/**
 * What GetDataflowGraph makes of a Glue PySpark script: a DataSource node per
 * `create_dynamic_frame.from_catalog/from_options` call, a DataSink node per
 * `write_dynamic_frame.from_catalog/from_options/from_jdbc_conf` call, a node
 * per `<Transform>.apply(...)`, and an edge wherever a keyword argument
 * passes a frame another node produced. Like the real service, argument
 * values stay Python source (`True`, single quotes, tuples), frame
 * arguments appear only as edges, and positional arguments are not read.
 * Throws a GlueScriptError for a script that does not tokenize as Python.
 */
export function parseGlueScript(script: string): {
  DagNodes: DagNode[];
  DagEdges: DagEdge[];
} {
  const nodes: DagNode[] = [];
  const edges: DagEdge[] = [];
  /** Which node's frame each variable holds now. */
  const frames = new Map<string, string>();

  for (const statement of logicalLines(tokenizePython(script))) {
    const target =
      statement[0]?.type === 'name' && isOp(statement[1], '=')
        ? statement[0].text
        : undefined;
    let boundNode: string | undefined;

    for (let i = 0; i < statement.length; i++) {
      const call = callAt(statement, i);
      if (!call) {
        continue;
      }
      const nodeType = nodeTypeOf(call.callee);
      if (!nodeType) {
        continue;
      }
      const args = keywordArguments(statement, call.open, call.close, script);
      const isWholeValue =
        target !== undefined && i === 2 && call.close === statement.length - 1;
      const id = uniqueId(
        nodes,
        (isWholeValue && target) ||
          unquote(args.find(a => a.name === 'transformation_ctx')?.value) ||
          `${nodeType}${nodes.length}`,
      );
      const node: DagNode = {
        Id: id,
        NodeType: nodeType,
        Args: [],
        LineNumber: statement[i].line,
      };
      for (const arg of args) {
        const source = arg.isName ? frames.get(arg.value) : undefined;
        if (source) {
          edges.push({ Source: source, Target: id, TargetParameter: arg.name });
        } else {
          node.Args.push({ Name: arg.name, Value: arg.value, Param: false });
        }
      }
      nodes.push(node);
      if (isWholeValue) {
        boundNode = id;
      }
      // The call's own arguments hold no further nodes to look for.
      i = call.close;
    }

    if (target !== undefined) {
      if (boundNode) {
        frames.set(target, boundNode);
      } else {
        frames.delete(target);
      }
    }
  }
  return { DagNodes: nodes, DagEdges: edges };
}

function logicalLines(tokens: PythonToken[]): PythonToken[][] {
  const lines: PythonToken[][] = [];
  let current: PythonToken[] = [];
  for (const token of tokens) {
    if (token.type === 'newline') {
      if (current.length) lines.push(current);
      current = [];
    } else {
      current.push(token);
    }
  }
  return lines;
}

function isOp(token: PythonToken | undefined, op: string): boolean {
  return token?.type === 'op' && token.text === op;
}

/**
 * The call whose dotted callee starts at token `i` (`a.b.c(`), with the
 * indices of its parentheses; not for a method called on another result.
 */
function callAt(tokens: PythonToken[], i: number) {
  if (tokens[i].type !== 'name' || isOp(tokens[i - 1], '.')) {
    return undefined;
  }
  const names = [tokens[i].text];
  let j = i + 1;
  while (isOp(tokens[j], '.') && tokens[j + 1]?.type === 'name') {
    names.push(tokens[j + 1].text);
    j += 2;
  }
  if (!isOp(tokens[j], '(')) {
    return undefined;
  }
  let depth = 0;
  for (let k = j; k < tokens.length; k++) {
    if (tokens[k].type === 'op' && '([{'.includes(tokens[k].text)) depth += 1;
    if (tokens[k].type === 'op' && ')]}'.includes(tokens[k].text)) depth -= 1;
    if (depth === 0) {
      return { callee: names.join('.'), open: j, close: k };
    }
  }
  return undefined;
}

function nodeTypeOf(callee: string): string | undefined {
  const parts = callee.split('.');
  const method = parts.at(-1)!;
  const owner = parts.at(-2);
  if (
    (owner === 'create_dynamic_frame' && method.startsWith('from_')) ||
    method.startsWith('create_dynamic_frame_from_')
  ) {
    return 'DataSource';
  }
  if (
    (owner === 'write_dynamic_frame' && method.startsWith('from_')) ||
    method.startsWith('write_dynamic_frame_from_') ||
    method === 'write_from_options'
  ) {
    return 'DataSink';
  }
  if (parts.length === 2 && method === 'apply' && /^[A-Z]/.test(parts[0])) {
    return parts[0];
  }
  return undefined;
}

/** The keyword arguments between the parentheses at `open` and `close`. */
function keywordArguments(
  tokens: PythonToken[],
  open: number,
  close: number,
  script: string,
) {
  const args: { name: string; value: string; isName: boolean }[] = [];
  let depth = 0;
  let start = open + 1;
  for (let k = open + 1; k <= close; k++) {
    const token = tokens[k];
    if (token.type === 'op' && '([{'.includes(token.text)) depth += 1;
    if (token.type === 'op' && ')]}'.includes(token.text)) depth -= 1;
    if ((depth === 0 && isOp(token, ',')) || k === close) {
      const arg = tokens.slice(start, k);
      if (arg.length > 2 && arg[0].type === 'name' && isOp(arg[1], '=')) {
        const value = arg.slice(2);
        args.push({
          name: arg[0].text,
          value: script.slice(value[0].start, value.at(-1)!.end),
          isName: value.length === 1 && value[0].type === 'name',
        });
      }
      start = k + 1;
    }
  }
  return args;
}

/** The text of a plain string literal, for naming a node by its transformation_ctx. */
function unquote(source: string | undefined): string | undefined {
  const match = /^(['"])([\w.-]+)\1$/.exec(source ?? '');
  return match?.[2];
}

function uniqueId(nodes: DagNode[], wanted: string): string {
  const taken = new Set(nodes.map(n => n.Id));
  let id = wanted;
  for (let n = 2; taken.has(id); n++) {
    id = `${wanted}_${n}`;
  }
  return id;
}
