// Data-pipeline node types (CSV, SQL, databases, files, scripts, batching). Each lives in its own
// module and is written with the public SDK, exactly as a user node would be.
import type { NodeDefinition } from '../../sdk/index.js';
import batch from './batch.js';
import csvRead from './csvRead.js';
import csvWrite from './csvWrite.js';
import httpRequest from './httpRequest.js';
import inspect from './inspect.js';
import jsonRead from './jsonRead.js';
import jsonWrite from './jsonWrite.js';
import parquetRead from './parquetRead.js';
import parquetWrite from './parquetWrite.js';
import postgresQuery from './postgresQuery.js';
import postgresWrite from './postgresWrite.js';
import rowsToTable from './rowsToTable.js';
import scriptJs from './scriptJs.js';
import sqliteQuery from './sqliteQuery.js';
import sqliteWrite from './sqliteWrite.js';
import sqlQuery from './sqlQuery.js';
import streamMerge from './streamMerge.js';
import streamSplit from './streamSplit.js';
import tableAggregate from './tableAggregate.js';
import tableDedupe from './tableDedupe.js';
import tableFilter from './tableFilter.js';
import tableJoin from './tableJoin.js';
import tableSelect from './tableSelect.js';
import tableSort from './tableSort.js';
import tableToRows from './tableToRows.js';
import timerSchedule from './timerSchedule.js';
import unbatch from './unbatch.js';

export const dataNodes: NodeDefinition<never>[] = [
  // Sources
  csvRead,
  parquetRead,
  jsonRead,
  postgresQuery,
  sqliteQuery,
  httpRequest,
  timerSchedule,
  // Transforms
  sqlQuery,
  scriptJs,
  tableSelect,
  tableFilter,
  tableSort,
  tableDedupe,
  tableJoin,
  tableAggregate,
  rowsToTable,
  tableToRows,
  // Flow
  streamMerge,
  streamSplit,
  batch,
  unbatch,
  // Sinks
  csvWrite,
  parquetWrite,
  jsonWrite,
  postgresWrite,
  sqliteWrite,
  inspect,
] as NodeDefinition<never>[];

export { previewTableOutput } from './preview.js';
export type { TableRef, TableColumn, TableSource } from './tableRef.js';
