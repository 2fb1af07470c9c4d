// Shared by the file sinks: executes the incoming (possibly deferred) table into a file through a
// temporary file and a rename, then passes on a ref to the written file. The preview of what was
// written is captured here, from the file itself, for the input's node and for this one.
import type { NodeContext } from '../../../sdk/index.js';
import { previewOfWritten, captureUpstream, writePreview } from '../lib/previewCapture.js';
import { copyTo, sendTable, tablesOf } from '../lib/tableIo.js';
import { fileRef, type TableColumn, type TableSource } from '../lib/tableRef.js';

type FileTarget = Exclude<TableSource, { kind: 'query' }>;

/** The written file read back with the types it was written with (a CSV keeps no types). */
function typed(source: FileTarget, columns: TableColumn[]): FileTarget {
  if (source.kind !== 'csv') return source;
  const columnTypes = Object.fromEntries(columns.map((c) => [c.name, c.dbType]));
  return { ...source, options: { ...source.options, columnTypes } };
}

export async function runFileSink(
  ctx: NodeContext<object>,
  file: string,
  copyOptions: string,
  written: (path: string) => FileTarget,
): Promise<void> {
  let n = 0;
  for await (const ref of tablesOf(ctx, 'table', true)) {
    // A second table on the input goes to a numbered file next to the first: nothing is overwritten.
    const target = n === 0 ? file : file.replace(/(\.[^./]+)?$/, (ext) => `-${n}${ext}`);
    n++;
    const rows = await copyTo(ctx, ref, target, copyOptions);
    ctx.log.info(`${rows} rows written to ${target}`);
    const out = fileRef(written(target), ref.columns);
    const preview = await previewOfWritten(
      ctx,
      fileRef(typed(out.source as FileTarget, ref.columns), []),
      ref.columns,
      rows,
    );
    await writePreview(ctx, ref, preview, [{ node: ctx.nodeId, port: 'table' }]);
    await captureUpstream(ctx, ref);
    await sendTable(ctx, 'table', out, true);
  }
}
