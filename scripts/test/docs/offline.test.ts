import { describe, expect, it } from "vitest";
import { LOCAL_LOGO, OFFLINE_CSP, externalLoads, withLocalLogo, withOfflinePolicy } from "../../src/docs/offline.js";
import { redoclyEnv } from "../../src/docs/build.js";

describe("externalLoads", () => {
  it.each<[string, { given: string; want: string[] }]>([
    ["an inline bundle loads nothing", { given: "<html><head><script>const a = 'https://cdn.redoc.ly/x.js'</script></head></html>", want: [] }],
    ["a CDN script", { given: '<script src="https://cdn.redocly.com/redoc/v2.5.1/bundles/redoc.standalone.js"></script>', want: ["https://cdn.redocly.com/redoc/v2.5.1/bundles/redoc.standalone.js"] }],
    ["a protocol-relative stylesheet", { given: "<link rel=stylesheet href=//fonts.googleapis.com/css>", want: ["//fonts.googleapis.com/css"] }],
    ["an image", { given: "<img alt='logo' src='https://cdn.redoc.ly/redoc/logo-mini.svg'>", want: ["https://cdn.redoc.ly/redoc/logo-mini.svg"] }],
    ["a CSS import", { given: "<style>@import url('https://fonts.example/x.css');</style>", want: ["https://fonts.example/x.css"] }],
    ["a link a reader may click is not a load", { given: '<a href="https://redocly.com/redoc/">Redoc</a>', want: [] }],
  ])("%s", (_name, { given, want }) => {
    expect(externalLoads(given)).toEqual(want);
  });
});

describe("withLocalLogo", () => {
  it("swaps both sizes of Redoc's remote footer logo for a local image, and nothing else", () => {
    const bundle = "src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`,href:`https://redocly.com/`";
    expect(withLocalLogo(bundle)).toBe(`src:e?\`${LOCAL_LOGO}\`:\`${LOCAL_LOGO}\`,href:\`https://redocly.com/\``);
  });

  it("is a data: image the policy allows, and safe inside a JS template or string", () => {
    expect(LOCAL_LOGO).toMatch(/^data:image\/svg\+xml,/);
    expect(OFFLINE_CSP).toContain("img-src data:");
    expect(LOCAL_LOGO).not.toMatch(/[`'"\\\s]|\$\{/);
  });
});

describe("withOfflinePolicy", () => {
  it("puts the policy first in the head", () => {
    const html = withOfflinePolicy('<!DOCTYPE html><html lang="en"><head>\n<meta charset="utf8" /></head></html>');
    expect(html).toBe(`<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="${OFFLINE_CSP}">\n<meta charset="utf8" /></head></html>`);
  });

  it("allows no network source of any kind", () => {
    const directives = Object.fromEntries(OFFLINE_CSP.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives["default-src"]).toEqual(["'none'"]);
    expect(directives["connect-src"]).toEqual(["'none'"]);
    for (const sources of Object.values(directives)) for (const source of sources as string[]) expect(source).not.toMatch(/^(https?:|\*|'self')/);
  });

  it("fails when there is no head", () => {
    expect(() => withOfflinePolicy("<html><body></body></html>")).toThrow(/no <head>/);
  });
});

describe("redoclyEnv", () => {
  it("turns telemetry off whatever the caller's environment says", () => {
    expect(redoclyEnv({ REDOCLY_TELEMETRY: "on", PATH: "/bin" })).toMatchObject({ REDOCLY_TELEMETRY: "off", PATH: "/bin" });
  });
});
