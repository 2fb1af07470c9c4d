// Turns DuckDB's error text into messages that name what is at fault: the file and line of a broken
// CSV row, the position of a syntax error, the missing column.

/** First line of a DuckDB message (the rest is hints and the echoed query). */
function headline(message: string): string {
  return message.split('\n', 1)[0]!.trim();
}

/** Line and column (1-based) of the caret DuckDB draws under `LINE n: …`, if any. */
export function caretPosition(message: string): { line: number; column: number } | undefined {
  const m = /LINE (\d+): (\.\.\.)?(.*)\n( *)\^/.exec(message);
  if (!m) return undefined;
  const prefix = `LINE ${m[1]}: `.length;
  const truncated = m[2] ? 3 : 0;
  return { line: Number(m[1]), column: m[4]!.length - prefix - truncated + 1 };
}

/**
 * A readable message for a failed query. `what` names the statement's origin, e.g.
 * `SQL of node "sum"`; `userSql` is the text the user wrote (positions are reported in it when the
 * parser fails on it alone). With `tables` (input name → its columns), a missing column is listed
 * with every column of each input and the nearest names.
 */
export function describeDuckError(
  err: unknown,
  what: string,
  tables?: Record<string, ReadonlyArray<{ name: string }>>,
): string {
  const message = err instanceof Error ? err.message : String(err);
  const lead = what ? `${what}: ` : '';
  const csvLine = /CSV Error on Line: (\d+)/.exec(message);
  if (csvLine) {
    const file = /file = (.+)/.exec(message)?.[1]?.trim() ?? 'CSV file';
    const detail =
      message
        .split('\n')
        .find((l) => l.startsWith('Expected Number of Columns') || l.startsWith('Error when converting')) ??
      headline(message);
    return `${file}, line ${csvLine[1]}: broken row (${detail.replace(/^CSV Error on Line: \d+\s*/, '').trim() || headline(message)})`;
  }
  if (/^(Parser Error|Syntax Error)/.test(headline(message).replace(/^Failed to extract statements: /, ''))) {
    const pos = caretPosition(message);
    const where = pos ? ` at line ${pos.line}, column ${pos.column}` : '';
    return `${lead}syntax error${where}: ${headline(message).replace(/^Failed to extract statements: /, '')}`;
  }
  const column =
    /Referenced column "([^"]+)" not found/.exec(message) ?? /column "?([^"\s]+)"? not found/i.exec(message);
  if (column) {
    const name = column[1]!;
    if (tables && Object.keys(tables).length > 0)
      return `${lead}missing column "${name}" (${columnsHint(name, tables)})`;
    const candidates = /Candidate bindings: (.+)/.exec(message)?.[1];
    return `${lead}missing column "${name}"${candidates ? ` (columns: ${candidates})` : ''}`;
  }
  return `${lead}${headline(message)}`;
}

/** Edit distance, for "did you mean" (names are short: the quadratic table is fine). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

/**
 * `did you mean "weather"?; input has date, precipitation, …`: the nearest names (case-insensitive
 * edit distance within a third of the name), then every column of every input table.
 */
export function columnsHint(name: string, tables: Record<string, ReadonlyArray<{ name: string }>>): string {
  const all = [...new Set(Object.values(tables).flatMap((cols) => cols.map((c) => c.name)))];
  const scored = all
    .map((c) => ({ c, d: distance(name.toLowerCase(), c.toLowerCase()) }))
    .filter(({ d }) => d <= Math.max(1, Math.floor(name.length / 3)))
    .sort((x, y) => x.d - y.d);
  const best = scored.filter(({ d }) => d === scored[0]?.d).map(({ c }) => `"${c}"`);
  const listed = Object.entries(tables)
    .map(([table, cols]) => `${table} has ${cols.length ? cols.map((c) => c.name).join(', ') : 'no columns'}`)
    .join('; ');
  return best.length ? `did you mean ${best.join(' or ')}?; ${listed}` : listed;
}
