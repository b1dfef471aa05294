// The built page must work offline and send nothing anywhere (toolchain.md gotchas 4 and 5).
// `--inlineBundle` embeds Redoc and REDOCLY_TELEMETRY=off disables its telemetry at build time;
// on top of that the page gets a Content-Security-Policy that lets the browser fetch nothing from
// the network, and `externalLoads` checks the HTML for any script, stylesheet or image that would be
// fetched. The one image the bundle itself asks for, Redocly's footer logo on its CDN, is swapped
// for a local one (`withLocalLogo`): the policy would block it, with a console error on every page.

/** Inline scripts and styles, data:/blob: images, fonts and workers; no network of any kind. */
export const OFFLINE_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' blob:",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "font-src data:",
  "worker-src blob:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** The page with the offline Content-Security-Policy as the first element of its head. */
export function withOfflinePolicy(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) throw new Error("the built page has no <head> to put its Content-Security-Policy in");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${OFFLINE_CSP}">`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}${meta}${html.slice(at)}`;
}

/** Where Redoc's bundle fetches its footer logo from (both sizes). */
export const REMOTE_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

/** A small local stand-in: the word, no fetch. Encoded so that it is safe inside the bundle's JS strings. */
export const LOCAL_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="56" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11" fill="#666">Redocly</text></svg>',
)}`;

/** The page with Redoc's remote footer logo replaced by LOCAL_LOGO. */
export function withLocalLogo(html: string): string {
  return html.replace(REMOTE_LOGO, LOCAL_LOGO);
}

const LOADS: RegExp[] = [
  /<script\b[^>]*\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
  /<link\b[^>]*\bhref\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
  /<img\b[^>]*\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
  /<iframe\b[^>]*\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
  /@import\s+(?:url\()?["']?((?:https?:)?\/\/[^"')\s;]+)/gi,
];

/** The network URLs the HTML itself loads (not links a reader may click). */
export function externalLoads(html: string): string[] {
  const found = new Set<string>();
  for (const pattern of LOADS) for (const match of html.matchAll(pattern)) if (match[1]) found.add(match[1]);
  return [...found];
}
