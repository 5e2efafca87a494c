import { parsePythonLiteral } from './parsePythonLiteral';

describe('parsePythonLiteral', () => {
  it('reads the quoted strings GetDataflowGraph returns', () => {
    expect(parsePythonLiteral('"sales_db"')).toBe('sales_db');
    expect(parsePythonLiteral("'orders'")).toBe('orders');
    expect(parsePythonLiteral('"a\\"b\\\\c\\n"')).toBe('a"b\\c\n');
    expect(parsePythonLiteral("r'C:\\dir'")).toBe('C:\\dir');
    expect(parsePythonLiteral('"""multi\nline"""')).toBe('multi\nline');
    expect(parsePythonLiteral('"s3://lake/" "raw/"')).toBe('s3://lake/raw/');
    expect(parsePythonLiteral('"caf\\xe9 \\u00e9"')).toBe('café é');
  });

  it('reads dicts, lists and tuples with Python constants', () => {
    expect(
      parsePythonLiteral(
        '{"paths": ["s3://lake/raw/tx/", \'s3://lake/raw/tx2\'], "recurse": True, "groupSize": 1_048_576, "x": None, "y": (1, -2.5e3,),}',
      ),
    ).toEqual({
      paths: ['s3://lake/raw/tx/', 's3://lake/raw/tx2'],
      recurse: true,
      groupSize: 1048576,
      x: null,
      y: [1, -2500],
    });
    expect(parsePythonLiteral('[ ]')).toEqual([]);
    expect(parsePythonLiteral('False')).toBe(false);
  });

  it('refuses what is not a literal, saying where', () => {
    expect(() => parsePythonLiteral('args["JOB_NAME"]')).toThrow(
      'Not a Python literal: "args" is not a constant at offset 0',
    );
    expect(() => parsePythonLiteral('{"path": target_path}')).toThrow(
      '"target_path" is not a constant',
    );
    expect(() => parsePythonLiteral('"open')).toThrow('unterminated string');
    expect(() => parsePythonLiteral('f"{x}"')).toThrow();
    expect(() => parsePythonLiteral('"a" + "b"')).toThrow(
      'unexpected text after the value',
    );
  });
});
