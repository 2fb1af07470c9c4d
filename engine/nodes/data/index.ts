// Data-pipeline node types (CSV, SQL, databases, files, scripts, batching). Each lives in its own
// module and is written with the public SDK, exactly as a user node would be.
import type { NodeDefinition } from '../../sdk/index.js';
import batch from './flow/batch.js';
import csvRead from './sources/csvRead.js';
import csvWrite from './sinks/csvWrite.js';
import httpRequest from './sources/httpRequest.js';
import inspect from './sinks/inspect.js';
import jsonRead from './sources/jsonRead.js';
import jsonWrite from './sinks/jsonWrite.js';
import parquetRead from './sources/parquetRead.js';
import parquetWrite from './sinks/parquetWrite.js';
import postgresQuery from './sources/postgresQuery.js';
import postgresWrite from './sinks/postgresWrite.js';
import rowsToTable from './transforms/rowsToTable.js';
import scriptJs from './transforms/scriptJs.js';
import sqliteQuery from './sources/sqliteQuery.js';
import sqliteWrite from './sinks/sqliteWrite.js';
import sqlQuery from './transforms/sqlQuery.js';
import streamMerge from './flow/streamMerge.js';
import streamSplit from './flow/streamSplit.js';
import tableAggregate from './transforms/tableAggregate.js';
import tableDedupe from './transforms/tableDedupe.js';
import tableFilter from './transforms/tableFilter.js';
import tableJoin from './transforms/tableJoin.js';
import tableSelect from './transforms/tableSelect.js';
import tableSort from './transforms/tableSort.js';
import tableToRows from './transforms/tableToRows.js';
import timerSchedule from './sources/timerSchedule.js';
import unbatch from './flow/unbatch.js';

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

export type { TableRef, TableColumn, TableSource } from './lib/tableRef.js';
