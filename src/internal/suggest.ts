// The one "did you mean" of the library: `auth0-permissions lint` and the run-time warning for a
// permission no API defines both call it, so they always suggest the same name.

/** Each word in its singular form, lowercased: `Reports:Categories` → `report:category`. */
function singular(name: string): string {
  return name
    .toLowerCase()
    .replace(/[a-z0-9]+/g, (word) =>
      word.length < 4 || word.endsWith('ss')
        ? word
        : word.endsWith('ies')
          ? `${word.slice(0, -3)}y`
          : /(?:x|ch|sh|ss)es$/.test(word)
            ? word.slice(0, -2)
            : word.endsWith('s')
              ? word.slice(0, -1)
              : word,
    );
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), or `cap + 1`
 * as soon as it must exceed `cap`, so a long list of names costs little.
 */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, before[j - 2]! + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > cap) return cap + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The defined permission a misspelt `name` most likely meant, or `undefined` when `name` is
 * defined or nothing is close. Close means: the same but for case or singular/plural
 * (`delete:report` → `delete:reports`), or at most 1 edit for names up to 5 characters and 2
 * edits beyond (an edit inserts, deletes, replaces or swaps two neighbouring characters).
 * Ties go to the name listed first.
 *
 * @example
 * suggest('delete:report', ['read:reports', 'delete:reports']); // 'delete:reports'
 * suggest('raed:reports', ['read:reports']); // 'read:reports'
 * suggest('admin', ['read:reports']); // undefined
 */
export function suggest(name: string, known: readonly string[]): string | undefined {
  if (known.includes(name)) return undefined;
  const lower = name.toLowerCase();
  const base = singular(name);
  const cap = name.length <= 5 ? 1 : 2;
  let best: string | undefined;
  let bestScore = cap + 1;
  for (const candidate of known) {
    // Same name but for case or number beats any edit.
    const score =
      candidate.toLowerCase() === lower || singular(candidate) === base
        ? 0
        : distance(lower, candidate.toLowerCase(), Math.min(cap, bestScore - 1));
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
      if (score === 0) break;
    }
  }
  return best;
}
