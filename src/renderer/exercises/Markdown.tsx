import { memo } from 'react';
import ReactMarkdown, { defaultUrlTransform } from 'react-markdown';

/** Links only to the web; nothing else (javascript:, file:, data:) becomes a link. */
function safeUrl(url: string): string {
  const safe = defaultUrlTransform(url);
  return /^https?:\/\//i.test(safe) ? safe : '';
}

/**
 * An exercise's text. react-markdown builds React elements from the Markdown
 * syntax tree, never HTML strings: raw HTML in a file is dropped (skipHtml),
 * images are not loaded, and links open outside the app.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        skipHtml
        disallowedElements={['img']}
        unwrapDisallowed
        urlTransform={safeUrl}
        components={{ a: ({ href, children }) => (href ? <a href={href} target="_blank" rel="noreferrer noopener">{children}</a> : <span>{children}</span>) }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
