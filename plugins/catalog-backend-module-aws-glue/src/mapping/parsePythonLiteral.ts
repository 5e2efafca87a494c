import { InputError } from '@backstage/errors';

/** A Python literal as a JavaScript value: dicts become objects, tuples arrays. */
export type PythonLiteral =
  | string
  | number
  | boolean
  | null
  | PythonLiteral[]
  | { [key: string]: PythonLiteral };

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '\n': '',
};

const CONSTANTS: Record<string, PythonLiteral> = {
  True: true,
  False: false,
  None: null,
};

/** A recursive-descent reader of one literal in Python source. */
class LiteralParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): PythonLiteral {
    const value = this.value();
    this.skipSpace();
    if (this.pos < this.text.length) {
      this.fail('unexpected text after the value');
    }
    return value;
  }

  private fail(problem: string): never {
    throw new InputError(
      `Not a Python literal: ${problem} at offset ${
        this.pos
      } of ${JSON.stringify(this.text)}`,
    );
  }

  private skipSpace() {
    while (/\s/.test(this.text[this.pos] ?? '')) {
      this.pos += 1;
    }
  }

  private value(): PythonLiteral {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '[') {
      return this.sequence('[', ']');
    }
    if (c === '(') {
      return this.sequence('(', ')');
    }
    if (c === '{') {
      return this.dict();
    }
    const rest = this.text.slice(this.pos);
    const string = /^([rRuU]?)(['"])/.exec(rest);
    if (string) {
      // Adjacent strings concatenate, as in Python.
      let result = '';
      let next: RegExpExecArray | null = string;
      while (next) {
        result += this.string(next[1].toLowerCase() === 'r');
        this.skipSpace();
        next = /^([rRuU]?)(['"])/.exec(this.text.slice(this.pos));
      }
      return result;
    }
    const number = /^[-+]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][-+]?\d+)?/.exec(
      rest,
    );
    if (number) {
      this.pos += number[0].length;
      return Number(number[0].replace(/_/g, ''));
    }
    const word = /^[A-Za-z_]\w*/.exec(rest)?.[0];
    if (word && word in CONSTANTS) {
      this.pos += word.length;
      return CONSTANTS[word];
    }
    return this.fail(word ? `"${word}" is not a constant` : 'no value');
  }

  private string(raw: boolean): string {
    this.pos += raw || /[uU]/.test(this.text[this.pos]) ? 1 : 0;
    const quote = this.text.startsWith(this.text[this.pos].repeat(3), this.pos)
      ? this.text[this.pos].repeat(3)
      : this.text[this.pos];
    this.pos += quote.length;
    let result = '';
    while (!this.text.startsWith(quote, this.pos)) {
      const c = this.text[this.pos];
      if (c === undefined) {
        this.fail('unterminated string');
      }
      if (c === '\\' && !raw) {
        result += this.escape();
      } else if (c === '\\') {
        result += this.text.slice(this.pos, this.pos + 2);
        this.pos += 2;
      } else {
        result += c;
        this.pos += 1;
      }
    }
    this.pos += quote.length;
    return result;
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    const hex = { x: 2, u: 4, U: 8 }[c as 'x' | 'u' | 'U'];
    if (hex) {
      const digits = this.text.slice(this.pos + 2, this.pos + 2 + hex);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) {
        this.fail('bad escape');
      }
      this.pos += 2 + hex;
      return String.fromCodePoint(parseInt(digits, 16));
    }
    this.pos += 2;
    // Python keeps unknown escapes such as \d as they are.
    return ESCAPES[c] ?? `\\${c}`;
  }

  private sequence(open: string, close: string): PythonLiteral[] {
    this.pos += open.length;
    const items: PythonLiteral[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos += 1;
        return items;
      }
      items.push(this.value());
      this.separator(close);
    }
  }

  private dict(): { [key: string]: PythonLiteral } {
    this.pos += 1;
    const result: { [key: string]: PythonLiteral } = {};
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') {
        this.pos += 1;
        return result;
      }
      const key = this.value();
      this.skipSpace();
      if (this.text[this.pos] !== ':') {
        this.fail('expected ":"');
      }
      this.pos += 1;
      result[String(key)] = this.value();
      this.separator('}');
    }
  }

  /** After an item: a comma, or the closing bracket (left for the caller). */
  private separator(close: string) {
    this.skipSpace();
    if (this.text[this.pos] === ',') {
      this.pos += 1;
    } else if (this.text[this.pos] !== close) {
      this.fail(`expected "," or "${close}"`);
    }
  }
}

/**
 * Parses a Python literal, as Glue's GetDataflowGraph returns node arguments:
 * `"\"sales_db\""` is the string `sales_db`, and
 * `{"paths": ["s3://lake/raw/"], "recurse": True}` a dict. Strings (any
 * quotes, raw or not), numbers, `True`/`False`/`None`, lists, tuples and dicts.
 *
 * @throws InputError when the text is not a literal, e.g. a variable or a call
 */
export function parsePythonLiteral(text: string): PythonLiteral {
  return new LiteralParser(text).parse();
}
