// Where templates write permission expressions as literals. Each pattern captures the literal's
// text in one of its groups; with the `d` flag the group's index is where the expression starts,
// so a problem is reported at the character it concerns. Non-literal expressions are skipped.

/** A JS string literal without escapes or interpolation. */
const JS = String.raw`"([^"\\\n]*)"|'([^'\\\n]*)'|\x60([^\x60\\$]*)\x60`;
/** An attribute value: quoted (HTML, Vue, JSX) or a JSX `{literal}`. */
const ATTRIBUTE = String.raw`"([^"]*)"|'([^']*)'|\{\s*(?:${JS})\s*\}`;

// Markup attributes (HTML, JSX strings, Vue templates) decode character references: `a &amp;&amp; b`
// is the expression `a && b`. JS literals do not.
const PATTERNS = [
  // data-permission="…", not :data-permission (a Vue binding) nor data-permission-mode.
  {
    via: 'data-permission',
    source: String.raw`(?<![\w:.-])data-permission\s*=\s*(?:${ATTRIBUTE})`,
  },
  // check('…'), instance.check("…"), check(granted, '…'); not recheck(…).
  {
    via: 'check()',
    js: true,
    source: String.raw`(?<![\w$])check\(\s*(?:[\w$.]+\s*,\s*)?(?:${JS})`,
  },
  { via: 'usePermission()', js: true, source: String.raw`(?<![\w$])usePermission\(\s*(?:${JS})` },
  // <Can when="…">, <RequirePermission when={'…'}>, whatever attributes come first.
  {
    via: '<Can when>',
    source: String.raw`<(?:Can|RequirePermission)\b(?:[^>"'{]|"[^"]*"|'[^']*'|\{[^{}]*\})*?\swhen\s*=\s*(?:${ATTRIBUTE})`,
  },
  // v-permission="'…'" and its modifiers (v-permission.disable).
  {
    via: 'v-permission',
    source: String.raw`v-permission(?:\.[\w-]+)*\s*=\s*(?:"\s*'([^'"]*)'\s*"|'\s*"([^'"]*)"\s*')`,
  },
].map(({ via, js = false, source }) => ({ via, js, pattern: new RegExp(source, 'dg') }));

const REFERENCES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * An attribute value with its character references decoded, and where each character of the
 * result starts in the raw value (one more entry for the end), to report positions in the file.
 */
function decode(raw) {
  let text = '';
  const at = [];
  const reference = /&(?:#(\d+)|#x([\da-f]+)|(amp|lt|gt|quot|apos));/giy;
  for (let i = 0; i < raw.length; ) {
    reference.lastIndex = i;
    const match = raw[i] === '&' ? reference.exec(raw) : null;
    const char = match
      ? match[3]
        ? REFERENCES[match[3].toLowerCase()]
        : String.fromCodePoint(Number.parseInt(match[1] ?? match[2], match[1] ? 10 : 16))
      : raw[i];
    for (let k = 0; k < char.length; k++) at.push(i);
    text += char;
    i += match ? match[0].length : 1;
  }
  at.push(raw.length);
  return { text, at };
}

/**
 * Every literal permission expression in `text`, in order; `at(i)` is the offset in `text` of
 * the expression's character `i`.
 * @param {string} text
 * @returns {{ offset: number, expression: string, via: string, at: (i: number) => number }[]}
 */
export function findExpressions(text) {
  const found = new Map();
  for (const { via, js, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const group = match.findIndex((value, i) => i > 0 && value !== undefined);
      const offset = match.indices[group][0];
      const { text: expression, at } = js
        ? { text: match[group], at: undefined }
        : decode(match[group]);
      // `at(i)`: where the expression's character i is in the file.
      const where = (i) => offset + (at ? at[Math.min(i, at.length - 1)] : i);
      if (!found.has(offset)) found.set(offset, { offset, expression, via, at: where });
    }
  }
  return [...found.values()].sort((a, b) => a.offset - b.offset);
}

/**
 * 1-based line and column of each offset, in one pass over the text.
 * @param {string} text
 */
export function lineColumn(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
}
