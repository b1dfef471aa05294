// The built page must work offline and send nothing anywhere (toolchain.md gotchas 4 and 5).
// `--inlineBundle` embeds Redoc and REDOCLY_TELEMETRY=off disables its telemetry at build time;
// on top of that the page gets a Content-Security-Policy that lets the browser fetch nothing from
// the network (this also stops the Redocly footer logo, the one remaining external image), and
// `externalLoads` checks the HTML for any script, stylesheet or image that would be fetched.

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
