import type { PanelSpec } from './dashboard-spec.js';

const GRID_COLUMNS = 24;

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Places panels left to right in source order, wrapping onto a new row when the next one does
 * not fit; a row is as tall as its tallest panel. Sources then only say how wide and tall a
 * panel is, and reordering panels never leaves overlaps.
 */
export function gridLayout(panels: readonly Pick<PanelSpec, 'width' | 'height'>[]): GridPos[] {
  const positions: GridPos[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const panel of panels) {
    if (x + panel.width > GRID_COLUMNS) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    positions.push({ x, y, w: panel.width, h: panel.height });
    x += panel.width;
    rowHeight = Math.max(rowHeight, panel.height);
  }
  return positions;
}
