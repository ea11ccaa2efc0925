import { tokenize, TokenType, type CSSToken } from "@csstools/css-tokenizer";

/** Maps one URL found in CSS to the URL to write in its place. */
export type UrlMapper = (url: string) => string | Promise<string>;

function quoted(url: string): string {
  return `url("${url.replace(/["\\\n]/g, (c) => (c === "\n" ? "\\a " : `\\${c}`))}")`;
}

function isUrlFunction(token: CSSToken): boolean {
  return token[0] === TokenType.Function && (token[4] as { value: string }).value.toLowerCase() === "url";
}

/**
 * Rewrites every `url(...)` in a stylesheet (unquoted, quoted, any case) and every `@import`
 * string through `map`, but not the names of `@namespace`, using a spec-conformant CSS tokenizer
 * so that strings, comments and escapes are read the way the browser reads them.
 */
export async function rewriteCssUrls(css: string, map: UrlMapper): Promise<string> {
  const tokens = tokenize({ css });
  const out: (string | Promise<string>)[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (isAtRule(token, "namespace")) {
      // Its URL is a namespace's name, compared as a string and never fetched.
      const end = atRuleEnd(tokens, i);
      out.push(textOf(tokens, i, end));
      i = end;
      continue;
    }
    if (token[0] === TokenType.URL) {
      const url = (token[4] as { value: string }).value;
      out.push(Promise.resolve(map(url)).then(quoted));
      continue;
    }
    const stringAt = isUrlFunction(token) || isAtRule(token, "import") ? nextNonSpace(tokens, i + 1) : -1;
    if (stringAt > 0 && tokens[stringAt][0] === TokenType.String) {
      const url = (tokens[stringAt][4] as { value: string }).value;
      const open = isUrlFunction(token) ? "" : `${token[1]} `;
      const close = isUrlFunction(token) ? closeParenAfter(tokens, stringAt) : stringAt;
      out.push(Promise.resolve(map(url)).then((mapped) => open + quoted(mapped)));
      i = close;
      continue;
    }
    out.push(token[1]);
  }
  return (await Promise.all(out)).join("");
}

function isAtRule(token: CSSToken, name: string): boolean {
  return token[0] === TokenType.AtKeyword && (token[4] as { value: string }).value.toLowerCase() === name;
}

/** The CSS text of the tokens from `from` to `to`, both included. */
function textOf(tokens: CSSToken[], from: number, to: number): string {
  return tokens
    .slice(from, to + 1)
    .map((t) => t[1])
    .join("");
}

function nextNonSpace(tokens: CSSToken[], from: number): number {
  let i = from;
  while (i < tokens.length && tokens[i][0] === TokenType.Whitespace) i++;
  return i < tokens.length ? i : -1;
}

function closeParenAfter(tokens: CSSToken[], from: number): number {
  const close = nextNonSpace(tokens, from + 1);
  return close > 0 && tokens[close][0] === TokenType.CloseParen ? close : from;
}

/**
 * Splits out the `@font-face` rules, which do not register inside a shadow root and must be
 * hoisted to the document. Returns the remaining CSS and the font-face rules' text. A rule inside
 * blocks (`@media`, `@supports`, `@layer`) is hoisted inside copies of their preludes, so that it
 * applies only where it did, and keeps its place in the cascade layers.
 */
export function splitFontFaces(css: string): { rest: string; fontFaces: string } {
  const tokens = tokenize({ css });
  const rest: string[] = [];
  const fonts: string[] = [];
  // The preludes of the blocks the current token is in, outermost first.
  const enclosing: string[] = [];
  // Where in `rest` the prelude of the next block would start.
  let ruleStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (isAtRule(token, "font-face")) {
      const end = atRuleEnd(tokens, i);
      const rule = textOf(tokens, i, end);
      fonts.push(enclosing.reduceRight((inner, prelude) => `${prelude}{${inner}}`, rule));
      i = end;
      ruleStart = rest.length;
      continue;
    }
    rest.push(token[1]);
    const type = token[0];
    if (type === TokenType.OpenCurly) enclosing.push(rest.slice(ruleStart, -1).join("").trim());
    else if (type === TokenType.CloseCurly) enclosing.pop();
    if (type === TokenType.OpenCurly || type === TokenType.CloseCurly || type === TokenType.Semicolon) {
      ruleStart = rest.length;
    }
  }
  return { rest: rest.join(""), fontFaces: fonts.join("\n") };
}

/**
 * The index of the last token of the at-rule at `from`, read as CSS Syntax reads it: the `}` that
 * closes its block, or the `;` that ends it before any block, or, for a rule with neither, the
 * token before the `}` that closes the block around it (which is not the rule's).
 */
function atRuleEnd(tokens: CSSToken[], from: number): number {
  let depth = 0;
  for (let i = from + 1; i < tokens.length; i++) {
    const type = tokens[i][0];
    if (type === TokenType.OpenCurly) depth++;
    else if (type === TokenType.CloseCurly) {
      if (depth === 0) return i - 1;
      if (--depth === 0) return i;
    } else if (type === TokenType.Semicolon && depth === 0) return i;
  }
  return tokens.length - 1;
}
