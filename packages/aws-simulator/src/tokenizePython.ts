import { GlueScriptError } from './GlueScriptError';

/** A token of Python source; `newline` ends a logical line. */
export interface PythonToken {
  type: 'name' | 'number' | 'string' | 'op' | 'newline';
  text: string;
  /** Offsets into the source, so that an argument's exact source can be cut out. */
  start: number;
  end: number;
  /** 1-based line the token starts on. */
  line: number;
}

const NAME = /[\p{L}_][\p{L}\p{N}_]*/uy;
const NUMBER =
  /(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)/y;
const STRING_START = /(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?('''|"""|'|")/y;
const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '->', ':=', '==', '!=', '<=', '>=', '**',
  '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '@', '=', '+', '-', '*',
  '/', '%', '&', '|', '^', '~', '<', '>',
]; // prettier-ignore
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * Splits Python source into tokens the way Python's own tokenizer groups
 * them: comments dropped, strings whole (any prefix, triple-quoted ones
 * across lines), and newlines inside brackets or after a backslash not
 * ending the logical line. Source Python could not tokenize (an unterminated
 * string, unbalanced brackets, a stray character) is a GlueScriptError.
 */
export function tokenizePython(source: string): PythonToken[] {
  const tokens: PythonToken[] = [];
  const open: { bracket: string; line: number }[] = [];
  let line = 1;
  let i = 0;

  const push = (type: PythonToken['type'], end: number) => {
    tokens.push({ type, text: source.slice(i, end), start: i, end, line });
  };
  const matchAt = (pattern: RegExp) => {
    pattern.lastIndex = i;
    return pattern.exec(source);
  };

  while (i < source.length) {
    const c = source[i];
    const quote = /['"rRbBuUfF]/.test(c)
      ? matchAt(STRING_START)?.[1]
      : undefined;
    if (c === '\n') {
      if (
        open.length === 0 &&
        tokens.length &&
        tokens.at(-1)!.type !== 'newline'
      ) {
        push('newline', i + 1);
      }
      line += 1;
      i += 1;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i += 1;
    } else if (c === '#') {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (c === '\\' && /^\\\r?\n/.test(source.slice(i, i + 3))) {
      i = source.indexOf('\n', i) + 1;
      line += 1;
    } else if (quote) {
      const end = stringEnd(source, STRING_START.lastIndex, quote, line);
      push('string', end);
      line += countNewlines(source, i, end);
      i = end;
    } else if (matchAt(NAME)) {
      const end = NAME.lastIndex;
      push('name', end);
      i = end;
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(source[i + 1] ?? ''))) {
      matchAt(NUMBER);
      const end = NUMBER.lastIndex;
      push('number', end);
      i = end;
    } else {
      const at = i;
      const op = OPERATORS.find(o => source.startsWith(o, at));
      if (!op) {
        throw new GlueScriptError(`unexpected character '${c}'`, line);
      }
      if ('([{'.includes(op)) {
        open.push({ bracket: op, line });
      } else if (CLOSING[op]) {
        if (open.pop()?.bracket !== CLOSING[op]) {
          throw new GlueScriptError(`unmatched '${op}'`, line);
        }
      }
      push('op', i + op.length);
      i += op.length;
    }
  }
  if (open.length) {
    const { bracket, line: openedAt } = open.at(-1)!;
    throw new GlueScriptError(`'${bracket}' was never closed`, openedAt);
  }
  if (tokens.length && tokens.at(-1)!.type !== 'newline') {
    tokens.push({ type: 'newline', text: '', start: i, end: i, line });
  }
  return tokens;
}

/** The offset just past the string whose body starts at `from`. */
function stringEnd(
  source: string,
  from: number,
  quote: string,
  line: number,
): number {
  let i = from;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      // Even in raw strings a backslash keeps the next quote from ending it.
      i += 2;
    } else if (source.startsWith(quote, i)) {
      return i + quote.length;
    } else if (c === '\n' && quote.length === 1) {
      break;
    } else {
      i += 1;
    }
  }
  throw new GlueScriptError('unterminated string literal', line);
}

function countNewlines(source: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    if (source[i] === '\n') count += 1;
  }
  return count;
}
