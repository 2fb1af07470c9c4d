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
 * parser fails on it alone).
 */
export function describeDuckError(err: unknown, what: string): string {
  const message = err instanceof Error ? err.message : String(err);
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
    return `${what}: syntax error${where}: ${headline(message).replace(/^Failed to extract statements: /, '')}`;
  }
  const column =
    /Referenced column "([^"]+)" not found/.exec(message) ?? /column "?([^"\s]+)"? not found/i.exec(message);
  if (column) {
    const candidates = /Candidate bindings: (.+)/.exec(message)?.[1];
    return `${what}: missing column "${column[1]}"${candidates ? ` (columns: ${candidates})` : ''}`;
  }
  return `${what}: ${headline(message)}`;
}
