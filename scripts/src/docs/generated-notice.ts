/** The built docs page says it is generated (as src/generate's files do), in an HTML comment right after its doctype (before it, old browsers leave standards mode). */
export function withGeneratedNotice(html: string, provider: string): string {
  const notice = `<!-- GENERATED from specs/${provider}/openapi.yaml by scripts/src/docs. DO NOT EDIT. Change the spec and run \`pnpm docs\`. -->\n`;
  const doctype = /^\s*<!doctype[^>]*>\s*/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return `${html.slice(0, at)}${notice}${html.slice(at)}`;
}
