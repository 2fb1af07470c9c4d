// The editor store's full state: one slice per concern, combined in ./index.ts.
import type { CheckSlice } from './checkSlice.js';
import type { FileSlice } from './fileSlice.js';
import type { GraphSlice } from './graphSlice.js';
import type { HistorySlice } from './historySlice.js';
import type { UiSlice } from './uiSlice.js';

export type EditorState = GraphSlice & HistorySlice & FileSlice & UiSlice & CheckSlice;
