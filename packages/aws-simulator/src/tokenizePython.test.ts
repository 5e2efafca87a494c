import { GlueScriptError } from './GlueScriptError';
import { tokenizePython } from './tokenizePython';

describe('tokenizePython', () => {
  it('ends logical lines only outside brackets and continuations', () => {
    const tokens = tokenizePython(
      'a = f(1,\n  "x")  # note\nb = 2 \\\n  + 0x1f\n',
    );
    expect(tokens.map(t => (t.type === 'newline' ? '\\n' : t.text))).toEqual([
      'a', '=', 'f', '(', '1', ',', '"x"', ')', '\\n',
      'b', '=', '2', '+', '0x1f', '\\n',
    ]); // prettier-ignore
    expect(tokens.find(t => t.text === '"x"')!.line).toBe(2);
    expect(tokens.find(t => t.text === '0x1f')!.line).toBe(4);
  });

  it('keeps prefixed and triple-quoted strings whole', () => {
    const tokens = tokenizePython("x = rb'\\'' + '''a\n'b'\n''' + f\"{y}\"");
    expect(tokens.filter(t => t.type === 'string').map(t => t.text)).toEqual([
      "rb'\\''",
      "'''a\n'b'\n'''",
      'f"{y}"',
    ]);
  });

  it('reports the line of an unclosed bracket', () => {
    expect(() => tokenizePython('a = 1\nb = [\n1,\n')).toThrow(
      new GlueScriptError("'[' was never closed", 2),
    );
  });
});
