// Descriptions (node types, parameters, workflows) are Markdown: rendered by react-markdown to React
// elements, never through innerHTML. Raw HTML in the text is dropped, images are not loaded, and
// links never navigate the editor's window: http(s) and mailto links open outside it (a new browser
// tab; the desktop app's window-open handler hands them to the system), any other link is inert text.
import ReactMarkdown, { type Components } from 'react-markdown';

const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * Without `<script>`/`<style>` elements and what is in them: react-markdown drops the tags of raw
 * HTML (`skipHtml`) but would show the text between them.
 */
function withoutScripts(text: string): string {
  return text.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
}

/** Keeps http(s) and mailto links; anything else (javascript:, relative paths) becomes no link. */
export function safeLinkUrl(url: string): string {
  return SAFE_LINK.test(url.trim()) ? url.trim() : '';
}

const blockComponents: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer" className="md-link">
        {children}
      </a>
    ) : (
      <span className="md-link-inert">{children}</span>
    ),
};

/** What an inline description (inside a button or a one-line card) may keep: emphasis and code. */
const INLINE_ELEMENTS = ['strong', 'em', 'code', 'del'];

export function Markdown({
  text,
  inline = false,
  className,
  testId,
}: {
  text: string;
  /** Inside a button or a label: no blocks and no links, their text kept. */
  inline?: boolean;
  className?: string;
  testId?: string;
}) {
  const Wrapper = inline ? 'span' : 'div';
  return (
    <Wrapper className={`markdown${className ? ` ${className}` : ''}`} data-testid={testId}>
      {inline ? (
        <ReactMarkdown skipHtml allowedElements={INLINE_ELEMENTS} unwrapDisallowed>
          {withoutScripts(text)}
        </ReactMarkdown>
      ) : (
        <ReactMarkdown
          skipHtml
          disallowedElements={['img']}
          urlTransform={safeLinkUrl}
          components={blockComponents}
        >
          {withoutScripts(text)}
        </ReactMarkdown>
      )}
    </Wrapper>
  );
}

/** The text of a Markdown description without its marks, for a native tooltip (`title`). */
export function markdownPlainText(text: string): string {
  return withoutScripts(text)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^[ \t]*[-*+][ \t]+/gm, '• ')
    .replace(/^#+[ \t]*/gm, '')
    .trim();
}
