import { describe, expect, it } from "vitest";
import { bodyMessage } from "../src/body-message.js";

const NGINX_502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";
const CLOUDFLARE_524 = `<!DOCTYPE html><html><head><title>example.com | 524: A timeout occurred</title><style>${"body{margin:0}".repeat(600)}</style></head><body>...</body></html>`;
const LONG_LINE = `upstream connect error or disconnect/reset before headers. ${"reset reason: overflow; ".repeat(20)}`;

describe("bodyMessage: a short message for an error body that is not JSON", () => {
  it.each([
    ["an HTML page gives its title", { given: NGINX_502, want: "502 Bad Gateway (HTML page; full text on error.body)" }],
    ["an 8.5 kB page gives its title, not its styles", { given: CLOUDFLARE_524, want: "example.com | 524: A timeout occurred (HTML page; full text on error.body)" }],
    ["uppercase tags and a doctype", { given: "<!DOCTYPE HTML>\n<HTML><HEAD><TITLE lang=en>503 Service Unavailable</TITLE></HEAD></HTML>", want: "503 Service Unavailable (HTML page; full text on error.body)" }],
    ["a title alone is a page", { given: "<!DOCTYPE html><title>Service Unavailable</title>", want: "Service Unavailable (HTML page; full text on error.body)" }],
    ["entities in the title are decoded", { given: "<html><title>Tom &amp; Jerry&#39;s &lt;API&gt; &#x2014;&nbsp;down &hellip;</title></html>", want: "Tom & Jerry's <API> \u2014 down &hellip; (HTML page; full text on error.body)" }],
    ["unknown and invalid entities stay as written", { given: "<title>&copy; &AMP; &#12ab; &#xFFFFFFFF; &constructor;</title>", want: "&copy; &AMP; &#12ab; &#xFFFFFFFF; &constructor; (HTML page; full text on error.body)" }],
    ["a title over lines is collapsed", { given: "<html><title>\n  Bad\n  Gateway\n</title></html>", want: "Bad Gateway (HTML page; full text on error.body)" }],
    ["without a title, its first heading", { given: "<html><body><h1>Gateway Timeout</h1></body></html>", want: "Gateway Timeout (HTML page; full text on error.body)" }],
    ["an HTML page without a title", { given: "<html>Unauthorized</html>", want: "HTML page without a title (full text on error.body)" }],
    ["an empty title counts as none", { given: "<html><head><title> </title></head></html>", want: "HTML page without a title (full text on error.body)" }],
    ["short text is kept as it is", { given: "Service Unavailable", want: "Service Unavailable" }],
    ["text is trimmed and its whitespace collapsed", { given: "  no\thealthy   upstream \n", want: "no healthy upstream" }],
    ["multi-line text gives its first line", { given: "Traceback (most recent call last):\n  File \"app.py\", line 1\nKeyError: 'x'", want: "Traceback (most recent call last):…" }],
    ["CRLF lines too", { given: "Bad Gateway\r\nupstream: 10.0.0.1", want: "Bad Gateway…" }],
    ["long text is cut at 200 characters", { given: LONG_LINE, want: `${LONG_LINE.slice(0, 199)}…` }],
    ["text that only looks like markup is text", { given: "<error>boom</error>", want: "<error>boom</error>" }],
    ["an empty body has no message", { given: "", want: undefined }],
    ["whitespace has no message", { given: " \r\n\t ", want: undefined }],
  ] as const)("%s", (_name, { given, want }) => {
    const message = bodyMessage(given);
    expect(message).toBe(want);
    expect(message?.length ?? 0).toBeLessThanOrEqual(260);
  });
});
