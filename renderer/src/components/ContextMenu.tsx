// A context menu at the pointer (WAI-ARIA menu pattern): role="menu" with menuitems, the first item
// focused on open, ArrowUp/ArrowDown (wrapping), Home/End, Enter or Space to choose, Escape, Tab or a
// click elsewhere to close; focus goes back where it was.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface MenuAction {
  id: string;
  label: string;
  shortcut?: string;
  disabled?: boolean;
  run(): void;
}

/** `'-'` draws a separator. */
export type MenuEntry = MenuAction | '-';

interface Props {
  label: string;
  at: { x: number; y: number };
  entries: readonly MenuEntry[];
  onClose(): void;
  testId: string;
}

export function ContextMenu({ label, at, entries, onClose, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState(at);
  const actions = entries.filter((e): e is MenuAction => e !== '-');

  // Keep the menu inside the window, then focus its first item.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({
      x: Math.max(4, Math.min(at.x, window.innerWidth - r.width - 4)),
      y: Math.max(4, Math.min(at.y, window.innerHeight - r.height - 4)),
    });
    el.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
  }, [at]);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', onDown, true);
    window.addEventListener('blur', onClose);
    return () => {
      window.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('blur', onClose);
      if (before?.isConnected) before.focus();
    };
  }, [onClose]);

  const items = () => [
    ...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? []),
  ];
  const move = (delta: number | 'first' | 'last') => {
    const list = items();
    if (list.length === 0) return;
    const i = list.indexOf(document.activeElement as HTMLElement);
    const next =
      delta === 'first' ? 0 : delta === 'last' ? list.length - 1 : (i + delta + list.length) % list.length;
    list[next]!.focus();
  };
  const choose = (action: MenuAction) => {
    if (action.disabled) return;
    onClose();
    action.run();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      Home: () => move('first'),
      End: () => move('last'),
      Escape: onClose,
      Tab: onClose,
    };
    const handler = keys[e.key];
    if (handler) {
      e.preventDefault();
      e.stopPropagation();
      handler();
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      const id = (document.activeElement as HTMLElement | null)?.dataset.action;
      const action = actions.find((a) => a.id === id);
      if (action) choose(action);
    }
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: pos.x, top: pos.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
      data-testid={testId}
    >
      {entries.map((entry, i) =>
        entry === '-' ? (
          <div key={`sep-${i}`} className="menu-sep" role="separator" />
        ) : (
          <button
            key={entry.id}
            className="menu-item"
            role="menuitem"
            tabIndex={-1}
            disabled={entry.disabled}
            data-action={entry.id}
            data-testid={`menu-${entry.id}`}
            onClick={() => choose(entry)}
            onMouseEnter={(e) => e.currentTarget.focus()}
          >
            <span>{entry.label}</span>
            {entry.shortcut && <span className="shortcut">{entry.shortcut}</span>}
          </button>
        ),
      )}
    </div>
  );
}
