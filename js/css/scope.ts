import { tokenize, TokenType, type CSSToken } from "@csstools/css-tokenizer";

/**
 * `css="scoped"`: confines a stylesheet to one app's container. The browser's own CSS parser
 * (CSSOM, via a constructed stylesheet) reads the rules; the spec-conformant tokenizer splits
 * and rewrites selectors. Every style rule, also inside `@media`, `@supports`, `@layer` and
 * `@container`, gets the container's attribute selector in front; `html` and `:root` become
 * the container and `body` the app's body element; `@keyframes` get a name unique to the app
 * and the `animation` declarations using them follow.
 */
export class CssScope {
  readonly container: string;
  private readonly body: string;
  private readonly suffix: string;

  constructor(name: string) {
    this.container = `[data-microfrontends-app="${name.replace(/["\\]/g, "\\$&")}"]`;
    this.body = `${this.container} [data-microfrontends-body]`;
    this.suffix = `--${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  }

  /** The scoped text of `css` (whose `@font-face` rules were already taken out). */
  apply(css: string): string {
    const sheet = new CSSStyleSheet();
    // Rules the browser cannot parse are dropped here, as the browser would drop them.
    sheet.replaceSync(css.replace(/@import[^;]*;/gi, ""));
    const keyframes = new Set<string>();
    collectKeyframes(sheet.cssRules, keyframes);
    const imports = css.match(/@import[^;]*;/gi) ?? [];
    return [...imports, ...Array.from(sheet.cssRules, (rule) => this.rule(rule, keyframes))].join("\n");
  }

  private rule(rule: CSSRule, keyframes: Set<string>): string {
    if (rule instanceof CSSStyleRule) {
      this.renameAnimations(rule.style, keyframes);
      const body = rule.cssText.slice(rule.cssText.indexOf("{"));
      return `${this.selectors(rule.selectorText)} ${body}`;
    }
    if (rule instanceof CSSKeyframesRule) {
      return rule.cssText.replace(/^@keyframes\s+[^\s{]+/, `@keyframes ${rule.name}${this.suffix}`);
    }
    if (rule instanceof CSSGroupingRule) {
      const prelude = rule.cssText.slice(0, rule.cssText.indexOf("{")).trim();
      const inner = Array.from(rule.cssRules, (child) => this.rule(child, keyframes)).join("\n");
      return `${prelude} {\n${inner}\n}`;
    }
    return rule.cssText;
  }

  private renameAnimations(style: CSSStyleDeclaration, keyframes: Set<string>): void {
    if (!keyframes.size || !style.animationName) return;
    const renamed = style.animationName
      .split(",")
      .map((name) => (keyframes.has(name.trim()) ? `${name.trim()}${this.suffix}` : name.trim()));
    style.animationName = renamed.join(", ");
  }

  /** Prefixes each selector of a selector list (split at top-level commas by the tokenizer). */
  selectors(list: string): string {
    return splitSelectorList(list)
      .map((selector) => this.selector(selector))
      .join(", ");
  }

  private selector(selector: string): string {
    const tokens = tokenize({ css: selector }).filter((token) => token[0] !== TokenType.EOF);
    let start = 0;
    while (start < tokens.length && tokens[start][0] === TokenType.Whitespace) start++;
    const root = leadingRoot(tokens, start);
    if (!root) return `${this.container} ${selector.trim()}`;
    const replacement = root.kind === "body" ? this.body : this.container;
    const rest = tokens
      .slice(root.end)
      .map((token) => token[1])
      .join("");
    return `${replacement}${rest}`.trim();
  }
}

function collectKeyframes(rules: CSSRuleList, names: Set<string>): void {
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSKeyframesRule) names.add(rule.name);
    else if (rule instanceof CSSGroupingRule) collectKeyframes(rule.cssRules, names);
  }
}

/** `html`, `:root` or `body` opening a selector (optionally `html body`), and where it ends. */
function leadingRoot(tokens: CSSToken[], start: number): { kind: "root" | "body"; end: number } | undefined {
  const word = (i: number) =>
    tokens[i]?.[0] === TokenType.Ident ? String((tokens[i][4] as { value: string }).value).toLowerCase() : "";
  const isRoot = (i: number) =>
    tokens[i]?.[0] === TokenType.Colon && word(i + 1) === "root" ? i + 2 : word(i) === "html" ? i + 1 : -1;
  const end = isRoot(start);
  if (end >= 0) {
    // `html body ...` is the body.
    let next = end;
    while (tokens[next]?.[0] === TokenType.Whitespace) next++;
    if (word(next) === "body") return { kind: "body", end: next + 1 };
    return { kind: "root", end };
  }
  if (word(start) === "body") return { kind: "body", end: start + 1 };
  return undefined;
}

function splitSelectorList(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const token of tokenize({ css: list })) {
    const type = token[0];
    if (type === TokenType.EOF) break;
    if (type === TokenType.OpenParen || type === TokenType.Function || type === TokenType.OpenSquare) depth++;
    if (type === TokenType.CloseParen || type === TokenType.CloseSquare) depth--;
    if (type === TokenType.Comma && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += token[1];
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}
