// Markdown descriptions (issue 12): bold, code, lists and links render as elements; raw HTML, scripts
// and images do not; links open outside the editor's window.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, markdownPlainText, safeLinkUrl } from './Markdown.js';

const html = (text: string, inline = false) => renderToStaticMarkup(<Markdown text={text} inline={inline} />);

describe('Markdown descriptions', () => {
  it('renders bold, code, a list and a link that opens outside the window', () => {
    const out = html(
      'Reads **CSV** files with `DuckDB`:\n\n- sniffs the columns\n- streams rows\n\nSee [the docs](https://duckdb.org/docs).',
    );
    expect(out).toContain('<strong>CSV</strong>');
    expect(out).toContain('<code>DuckDB</code>');
    expect(out).toContain('<ul>');
    expect(out).toContain('<li>sniffs the columns</li>');
    expect(out).toContain(
      '<a href="https://duckdb.org/docs" target="_blank" rel="noopener noreferrer" class="md-link">the docs</a>',
    );
  });

  it('drops raw HTML, scripts and images, and makes unsafe links inert', () => {
    const out = html(
      'Hi <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n<div onclick="x()">raw</div>\n\n![pixel](https://tracker.example/p.png) [run](javascript:alert(3))',
    );
    expect(out).not.toContain('<script');
    expect(out).not.toContain('alert(1)');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('onerror');
    expect(out).not.toContain('onclick');
    expect(out).not.toContain('javascript:');
    expect(out).not.toContain('<a ');
    expect(out).toContain('<span class="md-link-inert">run</span>');
  });

  it('inline: keeps emphasis and code, and no blocks or links', () => {
    const out = html('Counts **up** in `steps`. [More](https://example.org)', true);
    expect(out).toBe('<span class="markdown">Counts <strong>up</strong> in <code>steps</code>. More</span>');
  });

  it('gives a tooltip its plain text, and keeps only http(s) and mailto links', () => {
    expect(markdownPlainText('Reads **CSV** with `DuckDB`; see [docs](https://x.org).')).toBe(
      'Reads CSV with DuckDB; see docs.',
    );
    expect(markdownPlainText('Two:\n\n- one\n- two <script>x()</script>')).toBe('Two:\n\n• one\n• two');
    expect(safeLinkUrl('https://a.org')).toBe('https://a.org');
    expect(safeLinkUrl('mailto:a@b.org')).toBe('mailto:a@b.org');
    expect(safeLinkUrl('javascript:alert(1)')).toBe('');
    expect(safeLinkUrl('../etc/passwd')).toBe('');
  });
});
