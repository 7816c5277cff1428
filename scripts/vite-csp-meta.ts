/**
 * Writes the renderer's CSP (common/csp.ts, the one both hosts send as a header) into
 * index.html's meta tag at build time, so the page carries the same policy even where no header
 * applies, and nobody keeps a second copy of it by hand.
 */
import type { Plugin } from 'vite';

const META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;

/** `frame-ancestors` (and report and sandbox directives) are ignored in a meta tag, with a console warning. */
const HEADER_ONLY = /^(frame-ancestors|report-uri|report-to|sandbox)\b/;

export function withCspMeta(html: string, policy: string): string {
  if (!META.test(html)) throw new Error('renderer/index.html has no Content-Security-Policy meta tag to fill');
  const content = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive && !HEADER_ONLY.test(directive))
    .join('; ')
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;');
  return html.replace(META, `<meta http-equiv="Content-Security-Policy" content="${content}" />`);
}

/** `policy` for built files, `devPolicy` for the dev server (inline preamble, hot reload). */
export function cspMeta(policy: string, devPolicy: string): Plugin {
  return {
    name: 'profile-desk:csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, context) => withCspMeta(html, context.server ? devPolicy : policy),
    },
  };
}
