import { describe, expect, it } from "vitest";
import { bodyMessage } from "../src/body-message.js";

const NGINX_502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";
const CLOUDFLARE_524 = `<!DOCTYPE html><html><head><title>example.com | 524: A timeout occurred</title><style>${"body{margin:0}".repeat(600)}</style></head><body>...</body></html>`;
const S3_503 = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>';
const XHTML_503 = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>503 Service Unavailable</title></head></html>';
const LONG_LINE = `upstream connect error or disconnect/reset before headers. ${"reset reason: overflow; ".repeat(20)}`;

describe("bodyMessage: a short message for an error body that is not JSON", () => {
  it.each([
    ["an HTML page gives its title", { given: NGINX_502, want: "502 Bad Gateway (HTML page; full text on error.body)" }],
    ["an 8.5 kB page gives its title, not its styles", { given: CLOUDFLARE_524, want: "example.com | 524: A timeout occurred (HTML page; full text on error.body)" }],
    ["uppercase tags and a doctype", { given: "<!DOCTYPE HTML>\n<HTML><HEAD><TITLE lang=en>503 Service Unavailable</TITLE></HEAD></HTML>", want: "503 Service Unavailable (HTML page; full text on error.body)" }],
    ["a title alone is a page", { given: "<!DOCTYPE html><title>Service Unavailable</title>", want: "Service Unavailable (HTML page; full text on error.body)" }],
    ["entities in the title are decoded", { given: "<html><title>Tom &amp; Jerry&#39;s &lt;API&gt; &#x2014;&nbsp;down &hellip;</title></html>", want: "Tom & Jerry's <API> \u2014 down &hellip; (HTML page; full text on error.body)" }],
    ["unknown and invalid entities stay as written", { given: "<html><title>&copy; &AMP; &#12ab; &#xFFFFFFFF; &constructor;</title>", want: "&copy; &AMP; &#12ab; &#xFFFFFFFF; &constructor; (HTML page; full text on error.body)" }],
    ["decimal references are digits only", { given: "<html><title>&#1e3; &#12ab; &#65;&#x42;&#X43;</title></html>", want: "&#1e3; &#12ab; ABC (HTML page; full text on error.body)" }],
    ["hex references are hex digits only", { given: "<html><title>&#x1F600; &#xg1; &#x; &#0x41;</title></html>", want: "\u{1F600} &#xg1; &#x; &#0x41; (HTML page; full text on error.body)" }],
    ["the cut does not split a surrogate pair", { given: `${"a".repeat(198)}${"\u{1F600}".repeat(5)}`, want: `${"a".repeat(198)}…` }],
    ["a pair that fits before the cut is kept", { given: `${"a".repeat(197)}\u{1F600}${"b".repeat(10)}`, want: `${"a".repeat(197)}\u{1F600}…` }],
    ["nor in a title", { given: `<html><title>${"a".repeat(198)}&#x1F600;&#x1F600;</title></html>`, want: `${"a".repeat(198)}… (HTML page; full text on error.body)` }],
    ["a title over lines is collapsed", { given: "<html><title>\n  Bad\n  Gateway\n</title></html>", want: "Bad Gateway (HTML page; full text on error.body)" }],
    ["without a title, its first heading", { given: "<html><body><h1>Gateway Timeout</h1></body></html>", want: "Gateway Timeout (HTML page; full text on error.body)" }],
    ["an HTML page without a title", { given: "<html>Unauthorized</html>", want: "HTML page without a title (full text on error.body)" }],
    ["an empty title counts as none", { given: "<html><head><title> </title></head></html>", want: "HTML page without a title (full text on error.body)" }],
    ["short text is kept as it is", { given: "Service Unavailable", want: "Service Unavailable" }],
    ["text is trimmed and its whitespace collapsed", { given: "  no\thealthy   upstream \n", want: "no healthy upstream" }],
    ["multi-line text is kept whole, on one line", { given: "Traceback (most recent call last):\n  File \"app.py\", line 1\nKeyError: 'x'", want: "Traceback (most recent call last): File \"app.py\", line 1 KeyError: 'x'" }],
    ["CRLF lines too", { given: "Bad Gateway\r\nupstream: 10.0.0.1", want: "Bad Gateway upstream: 10.0.0.1" }],
    ["long multi-line text is cut at 200 characters", { given: `first line\n${LONG_LINE}`, want: `first line ${LONG_LINE.slice(0, 188)}…` }],
    ["an XML error gives its elements, not only its declaration", { given: S3_503, want: '<?xml version="1.0" encoding="UTF-8"?> <Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>' }],
    ["cut-off pretty-printed JSON gives what arrived", { given: '{\n  "error": {\n    "message": "Rate limit reached for gpt-4o",\n    "type": "requ', want: '{ "error": { "message": "Rate limit reached for gpt-4o", "type": "requ' }],
    ["an HTML page after a comment gives its title", { given: "<!-- proxy -->\n<html>\n<head><title>502 Bad Gateway</title></head></html>", want: "502 Bad Gateway (HTML page; full text on error.body)" }],
    ["an XHTML page after its XML declaration and doctype", { given: XHTML_503, want: "503 Service Unavailable (HTML page; full text on error.body)" }],
    ["the title, though a heading comes first", { given: "<html><body><h1>Oops</h1><title>Service Unavailable</title></body></html>", want: "Service Unavailable (HTML page; full text on error.body)" }],
    ["an empty title falls through to the first heading", { given: "<html><head><title></title></head><body><h1>Gateway Timeout</h1><h1>more</h1></body></html>", want: "Gateway Timeout (HTML page; full text on error.body)" }],
    ["text that mentions html later is text", { given: "upstream sent <html><title>x</title> instead of JSON", want: "upstream sent <html><title>x</title> instead of JSON" }],
    ["long text is cut at 200 characters", { given: LONG_LINE, want: `${LONG_LINE.slice(0, 199)}…` }],
    ["text that only looks like markup is text", { given: "<error>boom</error>", want: "<error>boom</error>" }],
    ["an empty body has no message", { given: "", want: undefined }],
    ["whitespace has no message", { given: " \r\n\t ", want: undefined }],
  ] as const)("%s", (_name, { given, want }) => {
    const message = bodyMessage(given, []);
    expect(message).toBe(want);
    expect(message?.length ?? 0).toBeLessThanOrEqual(260);
  });
});

describe("bodyMessage reads only the start of a body (the message is short; error.body keeps the rest)", () => {
  it.each([
    ["a title past the first 8 kB is not looked for", { given: `<html><body>${"<p>x</p>".repeat(1100)}<title>Late</title></body></html>`, want: "HTML page without a title (full text on error.body)" }],
    ["a title within the first 8 kB is found", { given: `<html><body>${"<p>x</p>".repeat(1000)}<title>Early</title></body></html>`, want: "Early (HTML page; full text on error.body)" }],
    ["text past the first 8 kB is left out, and the message says so", { given: `Bad Gateway${" ".repeat(9000)}upstream: 10.0.0.1`, want: "Bad Gateway…" }],
    ["a tag with more than 500 characters of attributes is not read", { given: `<html><title data-x="${"x".repeat(600)}">Hidden</title><h1>Shown</h1></html>`, want: "Shown (HTML page; full text on error.body)" }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(bodyMessage(given, [])).toBe(want);
  });

  // Before, "<html>" + "<h1".repeat(66_667) took about 10 s (a regex over the whole body that
  // rescanned the rest of it from every "<h1"), and a multi-line body was split whole.
  it.each([
    ["unclosed headings", { given: `<html>${"<h1".repeat(66_667)}`, want: "HTML page without a title (full text on error.body)" }],
    ["unclosed titles", { given: `<html>${"<title".repeat(33_334)}`, want: "HTML page without a title (full text on error.body)" }],
    ["an unclosed comment", { given: `<!-- ${"<".repeat(200_000)}`, want: `<!-- ${"<".repeat(194)}…` }],
    ["short lines", { given: "error\n".repeat(33_334), want: `${"error ".repeat(33)}e…` }],
  ] as const)("a 200 kB body of %s gives its message at once", (_name, { given, want }) => {
    const started = performance.now();
    expect(bodyMessage(given, [])).toBe(want);
    // About a millisecond; the bound is far above any scheduling delay and far below the old 10 s.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
