/**
 * `sandbox="proxy"`, a part of the runtime loaded on demand (static/proxy.js, with the acorn
 * parser): the app's code runs as `with (fakeWindow) { ... }` inside functions of a private,
 * same-origin realm iframe, whose document, history, fetch, URLs and events the host has pointed
 * at the app's shadow root exactly as in `sandbox="iframe"`. The fake window is an object that
 * keeps what the app writes and declares, in front of a Proxy (its prototype) through which
 * every other read falls to the realm's window: own properties, the hot path, meet no trap.
 */
import { describeError } from "../lifecycle/lifecycles";
import type { IframeRealm } from "./iframe-realm";
import { ScriptError, type ModuleExports, type Realm, type ScriptToRun } from "../contract/realm";
import { GlobalsDiff } from "./realm";
import {
  analyseScript,
  applyEdits,
  functionEdits,
  globalReferences,
  varToAssignment,
  type Edit,
} from "./script-analysis";

type RealmWindow = Window & typeof globalThis;
type AnyFunction = (...args: unknown[]) => unknown;
/** A top-level binding of a script, exported to the fake window: name, getter, setter. */
type Binding = [name: string, get: () => unknown, set?: (value: unknown) => void];

export interface ProxyRealmOptions {
  /** The app's realm iframe, which the host isolates as for `sandbox="iframe"`. */
  frame: IframeRealm;
}

/**
 * Globals a script reads so often that a lookup through the Proxy on every use would dominate
 * (code inside `with` resolves free names at run time). Each script gets them as parameters,
 * read from the fake window when it starts, so a polyfill installed by an earlier script is
 * seen; names the script declares itself are left out.
 */
const CACHED_GLOBALS = (
  "window self globalThis document Object Array Function Number String Boolean Symbol BigInt " +
  "Math JSON Date RegExp Error TypeError RangeError SyntaxError Map Set WeakMap WeakSet Promise " +
  "Reflect Proxy ArrayBuffer DataView Uint8Array Int32Array Float64Array parseInt parseFloat " +
  "isNaN isFinite undefined NaN Infinity encodeURIComponent decodeURIComponent console " +
  "performance navigator location history setTimeout clearTimeout setInterval clearInterval " +
  "requestAnimationFrame cancelAnimationFrame queueMicrotask Node Element HTMLElement Event " +
  "CustomEvent"
).split(" ");

const hasOwn = Object.prototype.hasOwnProperty;
const isEnumerable = Object.prototype.propertyIsEnumerable;
const defaults = { writable: true, enumerable: true, configurable: true };

/** The entry point of the separately built part: wraps an app's realm iframe in a fake window. */
export function createProxyRealm(options: ProxyRealmOptions): Realm {
  return new ProxyRealm(options);
}

class ProxyRealm implements Realm {
  readonly global: RealmWindow;
  readonly frame: IframeRealm;
  private readonly target: Record<PropertyKey, unknown>;
  private readonly realm: RealmWindow;
  private readonly nativeEval: (source: string) => unknown;
  private readonly realmEval: (source: string) => unknown;
  private readonly globals: GlobalsDiff;
  private readonly evaluator: (eval_: unknown, code: string) => unknown;
  private currentScript: HTMLScriptElement | null = null;

  constructor(options: ProxyRealmOptions) {
    this.frame = options.frame;
    const realm = (this.realm = options.frame.global);
    const nativeEval = (this.nativeEval = realm.eval);
    this.realmEval = (source) => nativeEval(source);
    const fallthrough = new Proxy(Object.create(realm.Window.prototype), fallthroughHandler(realm));
    const target = (this.target = Object.create(fallthrough) as Record<PropertyKey, unknown>);
    const fake = (this.global = target as unknown as RealmWindow);

    const sandboxFunction = new Proxy(realm.Function, {
      apply: (_, __, args: unknown[]) => this.compileFunction(args),
      construct: (_, args: unknown[]) => this.compileFunction(args) as object,
    });
    // `(function () {}).constructor` is the Function constructor too.
    realm.Function.prototype.constructor = sandboxFunction;
    const own: Record<string, unknown> = {
      window: fake,
      self: fake,
      globalThis: fake,
      // The app is not told it is embedded: it is its own parent, as in iframe mode, and its own
      // top unless the notebook page itself is framed (a top it cannot stand in for).
      top: window.top === window ? fake : window.top,
      parent: fake,
      Function: sandboxFunction,
      eval: (code: unknown) => this.evaluate(code),
      setTimeout: (handler: unknown, timeout?: number, ...args: unknown[]) =>
        realm.setTimeout(this.timerHandler(handler) as TimerHandler, timeout, ...args),
      setInterval: (handler: unknown, timeout?: number, ...args: unknown[]) =>
        realm.setInterval(this.timerHandler(handler) as TimerHandler, timeout, ...args),
    };
    for (const [key, value] of Object.entries(own)) {
      Object.defineProperty(target, key, { value, writable: true, enumerable: false, configurable: true });
    }
    // Every name looked up through `with` first asks for @@unscopables; answering it here keeps
    // those lookups from reaching the Proxy.
    Object.defineProperty(target, Symbol.unscopables, { value: undefined, writable: true, configurable: true });
    // ES modules run natively in the realm, outside `with`: their rewritten `import()`s
    // (loader/module-graph.ts) reach the module loader's helper, installed on the fake window,
    // through the realm's own global.
    Object.defineProperty(realm, "__microfrontends_import__", {
      configurable: true,
      get: () => target.__microfrontends_import__,
    });
    Object.defineProperty(realm.document, "defaultView", { configurable: true, get: () => fake });
    // Scripts run as functions, not elements: `document.currentScript` stands for the one running
    // (webpack's automatic public path reads its `src`).
    Object.defineProperty(realm.document, "currentScript", { configurable: true, get: () => this.currentScript });

    const evaluatorFactory = this.realmEval(
      "(function (__mf_window, __mf_define, __mf_eval) { with (__mf_window) return function (eval, __mf_code) { return eval(__mf_code) } })",
    ) as (fake: unknown, define: (bindings: [string, unknown][]) => void, sandboxEval: unknown) => AnyFunction;
    const evaluator = evaluatorFactory(
      fake,
      (bindings) => {
        for (const [name, value] of bindings) this.target[name] = value;
      },
      own.eval,
    );
    this.evaluator = (eval_, code) => evaluator.call(fake, eval_, code);
    this.globals = new GlobalsDiff(target);
  }

  run(script: ScriptToRun): void {
    const source = script.url ?? "inline script";
    let compiled: { fn: AnyFunction; args: unknown[] };
    try {
      compiled = this.compileScript(script);
    } catch (error) {
      throw new ScriptError(source, describeError(error));
    }
    const element = this.realm.document.createElement("script");
    if (script.url) element.src = script.url;
    const outer = this.currentScript;
    this.currentScript = element;
    try {
      compiled.fn.apply(this.global, compiled.args);
    } catch (error) {
      throw new ScriptError(source, describeError(error));
    } finally {
      this.currentScript = outer;
    }
  }

  /** ES modules cannot run inside `with`: they run in the realm itself, as in iframe mode. */
  runModule(url: string): Promise<ModuleExports> {
    return this.frame.runModule(url);
  }

  addedGlobals(): string[] {
    // Read once, when the scripts have run.
    return this.globals.update();
  }

  finishLoading(): void {
    this.frame.finishLoading();
  }

  destroy(): void {
    // The realm's timers, listeners and frames go with its iframe.
    this.frame.destroy();
  }

  private owns(name: string): boolean {
    return hasOwn.call(this.target, name);
  }

  /**
   * A classic script becomes a function inside `with (fakeWindow)`. Its top-level declarations
   * stay real local bindings (fast, and visible to its own closures) and are exported to the
   * fake window as accessors, so that the next script sees them by bare name and as `window.x`
   * and both sides share one live binding. A `var` the fake window already has (from an earlier
   * script, or `window.x = ...`) is turned into an assignment to it instead, and the script's
   * references to the fake window's globals into property accesses (see globalReferences).
   */
  private compileScript(script: ScriptToRun): { fn: AnyFunction; args: unknown[] } {
    const text = script.text;
    const found = analyseScript(text);
    const edits: Edit[] = [];
    const locals = new Set<string>();
    const assigned = new Set<string>();
    for (const statement of found.vars) {
      if (statement.names.some((name) => this.owns(name))) {
        edits.push(...varToAssignment(text, statement));
        for (const name of statement.names) assigned.add(name);
      } else {
        for (const name of statement.names) locals.add(name);
      }
    }
    for (const name of assigned) {
      if (!locals.has(name) && !this.owns(name))
        Object.defineProperty(this.target, name, { ...defaults, value: undefined });
    }
    const bindings = new Map<string, boolean>(); // name -> assignable
    for (const name of [...locals, ...found.functions]) bindings.set(name, true);
    for (const { name, constant } of found.lexical) bindings.set(name, !constant);
    const declared = new Set([...bindings.keys(), ...assigned]);
    const params = ["__mf_g", ...CACHED_GLOBALS.filter((name) => !declared.has(name))];
    const cached = new Set(params);
    const onFakeWindow = new Set([...assigned].filter((name) => !locals.has(name)));
    const isGlobal = (name: string) => !cached.has(name) && isEnumerable.call(this.target, name);
    // (The first script, often the largest, finds no globals yet and skips the scope analysis.)
    if (onFakeWindow.size || Object.keys(this.target).length) {
      edits.push(...globalReferences(found.program, isGlobal, onFakeWindow));
    }

    const exports = [...bindings]
      .map(([name, assignable]) => `["${name}",()=>${name}${assignable ? `,(v)=>{${name}=v}` : ""}]`)
      .join(",");
    const code = applyEdits(text, [...edits, ...found.evalEdits]);
    const body = `${code.slice(0, found.bodyStart)};__mf_bind([${exports}]);${code.slice(found.bodyStart)}`;
    // Direct `eval(...)` calls reach the realm's eval through the `eval` parameter, so they keep
    // their caller's scope; the wrapper stays on the script's first line, keeping its line
    // numbers in stack traces.
    const factory = this.realmEval(
      `(function (__mf_window, __mf_bind, __mf_eval) { with (__mf_window) return function (eval) { return function (${params.join(",")}) {${body}\n}}})` +
        (script.url ? `\n//# sourceURL=${script.url}` : ""),
    ) as (fake: unknown, bind: (bindings: Binding[]) => void, sandboxEval: unknown) => (eval_: unknown) => AnyFunction;
    const fn = factory(this.global, (list) => this.bind(list), this.target.eval)(this.nativeEval);
    const fake = this.global as unknown as Record<string, unknown>;
    return { fn, args: params.map((name) => (name === "__mf_g" ? fake : fake[name])) };
  }

  /** Exports a script's top-level bindings; earlier scripts' bindings of a name get its new value. */
  private bind(bindings: Binding[]): void {
    for (const [name, get, set] of bindings) {
      if (this.owns(name)) {
        try {
          this.target[name] = get();
        } catch {
          // A `let` or `class` not initialised yet.
        }
      }
      Object.defineProperty(this.target, name, {
        get,
        set: set ?? (() => undefined),
        enumerable: true,
        configurable: true,
      });
    }
  }

  /**
   * The fake window's `eval`: indirect-eval semantics against the fake window, so `var` and
   * function declarations become the app's globals and `this` is the fake window. (A direct
   * `eval(...)` call in the app's code reaches the realm's eval instead: see compileScript.)
   */
  private evaluate(code: unknown): unknown {
    if (typeof code !== "string") return code;
    let prepared: string;
    try {
      prepared = this.prepareEval(code);
    } catch (error) {
      throw new this.realm.SyntaxError(describeError(error).replace(/^SyntaxError: /, ""));
    }
    return this.evaluator(this.nativeEval, prepared);
  }

  private prepareEval(code: string): string {
    const found = analyseScript(code);
    // Strict eval code keeps its declarations to itself.
    if (found.strict) return applyEdits(code, found.evalEdits);
    const edits: Edit[] = [];
    for (const statement of found.vars) {
      edits.push(...varToAssignment(code, statement));
      for (const name of statement.names) {
        if (!this.owns(name)) Object.defineProperty(this.target, name, { ...defaults, value: undefined });
      }
    }
    const edited = applyEdits(code, [...edits, ...found.evalEdits]);
    if (!found.functions.length) return edited;
    const define = `__mf_define([${found.functions.map((name) => `["${name}",${name}]`).join(",")}]);`;
    return edited.slice(0, found.bodyStart) + define + edited.slice(found.bodyStart);
  }

  /** `new Function(...)` and `Function(...)`: compiled inside `with (fakeWindow)`. */
  private compileFunction(args: unknown[]): AnyFunction {
    const texts = args.map(String);
    const body = texts.length ? texts.pop()! : "";
    // The realm's own constructor checks the parameters and the body apart (and throws its
    // SyntaxError), so that neither can close the function early.
    new this.realm.Function(...texts, body);
    const source = `(function anonymous(${texts.join(",")}\n) {\n${body}\n})`;
    const factory = this.realmEval(
      `(function (__mf_window, __mf_this, __mf_eval) { with (__mf_window) return function (eval) { return ${applyEdits(source, functionEdits(source))} } })`,
    ) as (fake: unknown, fixThis: (value: unknown) => unknown, sandboxEval: unknown) => (eval_: unknown) => AnyFunction;
    const fixThis = (value: unknown) => (value === this.realm ? this.global : value);
    return factory(this.global, fixThis, this.target.eval)(this.nativeEval);
  }

  /** A string handler of `setTimeout`/`setInterval` is code to evaluate against the fake window. */
  private timerHandler(handler: unknown): unknown {
    return typeof handler === "function" ? handler : () => this.evaluate(String(handler));
  }
}

/**
 * The traps of the fake window's prototype, reached only for what the fake window does not own:
 * reads fall through to the realm's window, with its methods bound to it (and cached, so that
 * `window.setTimeout === window.setTimeout`); writes define the property on the fake window,
 * except event handler properties and `location`, which mean the realm's.
 */
function fallthroughHandler(realm: RealmWindow): ProxyHandler<object> {
  const fallback = realm as unknown as Record<PropertyKey, unknown>;
  const objectMethods = realm.Object.prototype as unknown as Record<PropertyKey, unknown>;
  const bound = new Map<PropertyKey, [AnyFunction, AnyFunction]>();
  return {
    get(_, key) {
      const value = fallback[key];
      // Constructors and namespaces keep their identity and statics; `hasOwnProperty` and the
      // like act on the fake window; the window's own methods need the window.
      if (typeof value !== "function" || hasOwn.call(value, "prototype")) return value;
      if (typeof key !== "string" || /^[A-Z]/.test(key) || objectMethods[key] === value) return value;
      let entry = bound.get(key);
      if (entry?.[0] !== value) {
        entry = [value as AnyFunction, (value as AnyFunction).bind(realm) as AnyFunction];
        bound.set(key, entry);
      }
      return entry[1];
    },
    set(_, key, value, receiver) {
      if (key === "location" || (typeof key === "string" && key.startsWith("on") && key in realm)) {
        fallback[key] = value;
        return true;
      }
      return Reflect.defineProperty(receiver, key, { ...defaults, value });
    },
    has(_, key) {
      return key in realm;
    },
  };
}
