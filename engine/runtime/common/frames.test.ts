import { describe, expect, it } from 'vitest';
import {
  FRAME_DATA,
  FRAME_END,
  FRAME_WINDOW,
  FrameDecoder,
  encodeEndFrame,
  encodeTextFrame,
  encodeWindowFrame,
} from './frames.js';

function decodeAll(chunks: Buffer[]): Array<[number, string | number[]]> {
  const out: Array<[number, string | number[]]> = [];
  const d = new FrameDecoder((kind, payload) => {
    out.push([
      kind,
      kind === FRAME_WINDOW
        ? [payload.readDoubleBE(0), payload.readDoubleBE(8), payload.readDoubleBE(16)]
        : payload.toString('utf8'),
    ]);
  });
  for (const c of chunks) d.push(c);
  return out;
}

describe('frames', () => {
  const frames = [
    encodeTextFrame(FRAME_DATA, '[1,"é",{"a":2}]'),
    encodeWindowFrame(1024, 512, 4096),
    encodeEndFrame(),
    encodeTextFrame(FRAME_DATA, JSON.stringify(['x'.repeat(70_000)])),
  ];
  const expected = [
    [FRAME_DATA, '[1,"é",{"a":2}]'],
    [FRAME_WINDOW, [1024, 512, 4096]],
    [FRAME_END, ''],
    [FRAME_DATA, JSON.stringify(['x'.repeat(70_000)])],
  ];

  it('decodes frames that arrive together', () => {
    expect(decodeAll([Buffer.concat(frames)])).toEqual(expected);
  });

  it('decodes frames split at every possible byte boundary', () => {
    const all = Buffer.concat(frames.slice(0, 3));
    for (let cut = 1; cut < all.length; cut++) {
      expect(decodeAll([all.subarray(0, cut), all.subarray(cut)])).toEqual(expected.slice(0, 3));
    }
  });

  it('decodes a large frame arriving in many small chunks', () => {
    const all = Buffer.concat(frames);
    const chunks: Buffer[] = [];
    for (let i = 0; i < all.length; i += 997) chunks.push(all.subarray(i, i + 997));
    expect(decodeAll(chunks)).toEqual(expected);
  });
});
