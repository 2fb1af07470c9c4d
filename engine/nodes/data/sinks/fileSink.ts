// Shared by the file sinks: executes the incoming (possibly deferred) table into a file through a
// temporary file and a rename, then passes on a ref to the written file.
import type { NodeContext } from '../../../sdk/index.js';
import { copyTo, sendTable, tablesOf } from '../lib/tableIo.js';
import { fileRef, type TableSource } from '../lib/tableRef.js';

export async function runFileSink(
  ctx: NodeContext<object>,
  file: string,
  copyOptions: string,
  written: (path: string) => Exclude<TableSource, { kind: 'query' }>,
): Promise<void> {
  let n = 0;
  for await (const ref of tablesOf(ctx, 'table')) {
    // A second table on the input goes to a numbered file next to the first: nothing is overwritten.
    const target = n === 0 ? file : file.replace(/(\.[^./]+)?$/, (ext) => `-${n}${ext}`);
    n++;
    const rows = await copyTo(ctx, ref, target, copyOptions);
    ctx.log.info(`${rows} rows written to ${target}`);
    await sendTable(ctx, 'table', fileRef(written(target), ref.columns));
  }
}
