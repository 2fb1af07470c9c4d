// A draggable panel edge (WAI-ARIA window splitter): role="separator" with aria-valuenow, dragged with
// the mouse (pointer capture: the canvas under it never sees the drag, so it does not pan), or moved
// with the arrow keys (Shift for bigger steps), Home and End.
import { useRef } from 'react';
import { sizeLimits, type PanelName } from './panelSizes.js';
import { windowSizeFor } from './usePanelSizes.js';

interface Props {
  panel: PanelName;
  label: string;
  size: number;
  /** Where the panel is, seen from the splitter: dragging towards the panel makes it smaller. */
  panelSide: 'left' | 'right' | 'below';
  onResize(size: number): void;
}

const STEP = 16;

export function Splitter({ panel, label, size, panelSide, onResize }: Props) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const vertical = panelSide !== 'below';
  const { min, max } = sizeLimits(panel, typeof window === 'undefined' ? 1000 : windowSizeFor(panel));
  // Growing the panel: to the right for a panel on the left, to the left or up for the others.
  const sign = panelSide === 'left' ? 1 : -1;
  const coord = (e: React.PointerEvent) => (vertical ? e.clientX : e.clientY);

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { start: coord(e), size };
  };
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || !e.currentTarget.hasPointerCapture(e.pointerId)) return;
    onResize(d.size + sign * (coord(e) - d.start));
  };
  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = e.shiftKey ? STEP * 4 : STEP;
    const grow = vertical ? (panelSide === 'left' ? 'ArrowRight' : 'ArrowLeft') : 'ArrowUp';
    const shrink = vertical ? (panelSide === 'left' ? 'ArrowLeft' : 'ArrowRight') : 'ArrowDown';
    const next =
      e.key === grow
        ? size + step
        : e.key === shrink
          ? size - step
          : e.key === 'Home'
            ? min
            : e.key === 'End'
              ? max
              : null;
    if (next === null) return;
    e.preventDefault();
    onResize(next);
  };

  return (
    <div
      className={`splitter splitter-${vertical ? 'vertical' : 'horizontal'}`}
      role="separator"
      aria-orientation={vertical ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      data-testid={`splitter-${panel}`}
    />
  );
}
