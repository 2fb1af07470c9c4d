// Light and dark themes: follow the system (prefers-color-scheme) unless the person picked one.
import { useSyncExternalStore } from 'react';
import { useEditor, type EditorState, type EditorStore } from './store/index.js';
import type { ThemeChoice } from './store/uiSlice.js';

export type ResolvedTheme = 'light' | 'dark';

const THEME_KEY = 'sluice.theme';
const query = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

function subscribeSystem(onChange: () => void): () => void {
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}
const systemTheme = (): ResolvedTheme => (query?.matches ? 'dark' : 'light');

const selectTheme = (s: EditorState) => s.theme;

export function useResolvedTheme(): ResolvedTheme {
  const choice = useEditor(selectTheme);
  const system = useSyncExternalStore(subscribeSystem, systemTheme, () => 'light' as const);
  return choice === 'system' ? system : choice;
}

export function loadThemeChoice(editorStore: EditorStore): void {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') editorStore.getState().setTheme(saved);
}

/** The toggle flips to the other theme than the one showing, and remembers it. */
export function toggleTheme(editorStore: EditorStore, showing: ResolvedTheme): void {
  const next: ThemeChoice = showing === 'dark' ? 'light' : 'dark';
  localStorage.setItem(THEME_KEY, next);
  editorStore.getState().setTheme(next);
}
