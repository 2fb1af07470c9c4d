import { describe, expect, it } from 'vitest';
import { idPrefixForType, nextId } from './ids.js';

describe('ids', () => {
  it('numbers after the highest id in use', () => {
    expect(nextId('map', [])).toBe('map1');
    expect(nextId('map', ['map1', 'map2', 'filter7'])).toBe('map3');
    expect(nextId('map', ['map5', 'mapx', 'map01'])).toBe('map6');
  });

  it('derives a prefix from a node type', () => {
    expect(idPrefixForType('csv.read')).toBe('read');
    expect(idPrefixForType('core.map')).toBe('map');
    expect(idPrefixForType('x.2go')).toBe('go');
    expect(idPrefixForType('')).toBe('node');
  });
});
