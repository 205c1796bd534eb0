/**
 * The Executor: runs cells on the kernel's main thread and posts their outputs as ExecEvents.
 *
 * Context: cells run with vm `runInThisContext`, in the kernel's own realm, and their top-level
 * names are properties of the real globalThis (as Node's own REPL does). Chosen over a separate
 * vm context because values cross between user code and the kernel all the time (KQL results,
 * Arquero tables, Dates and arrays given to %kql as parameters, display bundles): in another
 * realm `x instanceof Date`, `instanceof Array` and prototype checks on them fail. The cost:
 * a cell can overwrite a global the kernel also uses (e.g. `const URL = 1`), as in Node's REPL.
 * Imports go through a kernel function (no vm module loader needed), which resolves bare
 * specifiers as an ES module inside packages/kernel would (the kernel's dependencies, node:
 * builtins) and relative ones against the working directory.
 *
 * Interrupt: the protocol worker posts { type: 'interrupt' } and sends SIGINT to the process.
 * A cell's synchronous part runs with `breakOnSigint`, which stops a loop; a cell waiting on a
 * promise is abandoned on whichever of the two arrives first (the other one, arriving within a
 * second, belongs to the same interrupt and is ignored, so it cannot stop the next cell).
 * Code that loops after an `await` runs outside breakOnSigint and cannot be stopped (only the
 * kernel restart does).
 */
import * as vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import type { CellError, DisplayBundle, ExecEvent, ExecRequest, KernelHost } from '../types.ts';
import { completeCode, inspectAt } from './complete.ts';
import { createDisplay, isDisplayHandle, type DisplaySink } from './display.ts';
import { cellFileName, interruptError, toCellError } from './errors.ts';
import { cellMagicText, kqlAtCursor, loadKql, rewriteLineMagics } from './magics.ts';
import { bundleOf, createCellConsole } from './output.ts';
import { compileCell, INTERNAL } from './transform.ts';

export interface Executor {
  handle(req: ExecRequest): void;
}

type ExecuteRequest = Extract<ExecRequest, { type: 'execute' }>;

/** A cell while it runs. */
interface RunningCell {
  id: string;
  controller: AbortController;
  interrupted: boolean;
  /** rejects the cell's wait when it is interrupted */
  interrupt(): void;
}

class Interrupted extends Error {}

/** How long the second half of an interrupt (message or SIGINT) is expected after the first. */
const PAIR_WINDOW_MS = 1000;

export function createExecutor(post: (e: ExecEvent) => void): Executor {
  const sources = new Map<string, string>();
  const userNames = new Set<string>();
  const queue: ExecuteRequest[] = [];
  let running: RunningCell | undefined;
  let lastId: string | undefined;
  let draining = false;
  /** source -> until when an interrupt from it is the echo of one already handled */
  const echo = { sigint: 0, message: 0 };

  const outputId = () => running?.id ?? lastId;
  const sinkFor = (id: () => string | undefined): DisplaySink => ({
    display(bundle, update) {
      const target = id();
      if (target) post({ type: 'display', id: target, bundle, update });
    },
    clear(wait) {
      const target = id();
      if (target) post({ type: 'clear', id: target, wait });
    },
  });

  const cellConsole = createCellConsole((name, text) => {
    const target = outputId();
    if (target) post({ type: 'stream', id: target, name, text });
    else (name === 'stdout' ? process.stdout : process.stderr).write(text);
  });
  Object.defineProperty(globalThis, 'console', { value: cellConsole, writable: true, configurable: true, enumerable: false });

  const display = createDisplay(sinkFor(outputId));
  Object.defineProperty(globalThis, 'display', { value: display, writable: true, configurable: true, enumerable: false });

  const workingDir = pathToFileURL(process.cwd() + '/').href;
  const internal = {
    import(specifier: string, options?: ImportCallOptions): Promise<unknown> {
      const spec = String(specifier);
      const target = /^\.{0,2}\//.test(spec) ? new URL(spec, workingDir).href : spec;
      return import(target, options);
    },
    meta: { url: workingDir },
    async kql(text: string): Promise<unknown> {
      if (!running) throw new Error('%kql: no cell is running');
      const { runKqlMagic } = await loadKql();
      return runKqlMagic(text, hostFor(running), 'line');
    },
  };
  Object.defineProperty(globalThis, INTERNAL, { value: internal, writable: false, configurable: true, enumerable: false });

  function hostFor(cell: RunningCell): KernelHost {
    return {
      lookup(name) {
        return name in globalThis ? { found: true, value: (globalThis as Record<string, unknown>)[name] } : { found: false };
      },
      assign(name, value) {
        if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`kernel: cannot assign '${name}': not an identifier`);
        (globalThis as Record<string, unknown>)[name] = value;
        userNames.add(name);
      },
      display(bundle: DisplayBundle, update = false) {
        post({ type: 'display', id: cell.id, bundle, update });
      },
      print(text, stream = 'stdout') {
        post({ type: 'stream', id: cell.id, name: stream, text });
      },
      signal: cell.controller.signal,
    };
  }

  function interruptFrom(source: 'sigint' | 'message'): void {
    const other = source === 'sigint' ? 'message' : 'sigint';
    if (Date.now() < echo[source]) {
      echo[source] = 0;
      return;
    }
    if (running && !running.interrupted) {
      running.interrupt();
      echo[other] = Date.now() + PAIR_WINDOW_MS;
    }
  }
  // Outside breakOnSigint the main thread ignores SIGINT (it interrupts a waiting cell).
  process.on('SIGINT', () => interruptFrom('sigint'));

  /** Runs a cell's code; resolves with its value, rejects with its error or Interrupted. */
  async function evaluate(req: ExecuteRequest, cell: RunningCell, interrupted: Promise<never>): Promise<unknown> {
    const kqlText = cellMagicText(req.code);
    if (kqlText !== undefined) {
      const { runKqlMagic } = await Promise.race([loadKql(), interrupted]);
      return Promise.race([runKqlMagic(kqlText, hostFor(cell), 'cell'), interrupted]);
    }
    const fileName = cellFileName(req.executionCount);
    const compiled = compileCell(rewriteLineMagics(req.code));
    for (const name of compiled.declared) {
      userNames.add(name);
      if (!(name in globalThis)) (globalThis as Record<string, unknown>)[name] = undefined;
    }
    const script = new vm.Script(compiled.script, { filename: fileName, columnOffset: compiled.columnOffset });
    let promise: Promise<unknown>;
    try {
      promise = script.runInThisContext({ breakOnSigint: true, displayErrors: false }) as Promise<unknown>;
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') {
        // the SIGINT that stopped the loop; its message half may follow
        cell.interrupted = true;
        echo.message = Date.now() + PAIR_WINDOW_MS;
        throw new Interrupted();
      }
      throw e;
    }
    return Promise.race([promise, interrupted]);
  }

  async function execute(req: ExecuteRequest): Promise<void> {
    const fileName = cellFileName(req.executionCount);
    sources.set(fileName, req.code);
    let reject!: (e: unknown) => void;
    const interrupted = new Promise<never>((_, r) => { reject = r; });
    interrupted.catch(() => {});
    const cell: RunningCell = {
      id: req.id,
      controller: new AbortController(),
      interrupted: false,
      interrupt() {
        cell.interrupted = true;
        cell.controller.abort(new Error('the cell was interrupted'));
        reject(new Interrupted());
      },
    };
    running = cell;
    lastId = req.id;
    try {
      const value = await evaluate(req, cell, interrupted);
      if (!req.silent && value !== undefined && !isDisplayHandle(value)) post({ type: 'result', id: req.id, bundle: bundleOf(value) });
      post({ type: 'done', id: req.id, status: 'ok', userExpressions: evaluateUserExpressions(req.userExpressions) });
    } catch (e) {
      const error: CellError = cell.interrupted || e instanceof Interrupted ? interruptError() : toCellError(e, fileName, sources);
      post({ type: 'done', id: req.id, status: 'error', error, userExpressions: {} });
    } finally {
      if (!cell.controller.signal.aborted) cell.controller.abort(new Error('the cell has ended'));
      running = undefined;
    }
  }

  function evaluateUserExpressions(expressions: Record<string, string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, expr] of Object.entries(expressions ?? {})) {
      try {
        const value = vm.runInThisContext(String(expr), { filename: `user_expressions[${key}]`, displayErrors: false });
        out[key] = { status: 'ok', ...bundleOf(value), metadata: {} };
      } catch (e) {
        out[key] = { status: 'error', ...toCellError(e, `user_expressions[${key}]`, sources) };
      }
    }
    return out;
  }

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      for (let req = queue.shift(); req; req = queue.shift()) await execute(req);
    } finally {
      draining = false;
    }
  }

  async function complete(id: string, code: string, cursorPos: number): Promise<void> {
    const kql = kqlAtCursor(code, cursorPos);
    let content: Record<string, unknown>;
    if (kql) {
      try {
        const { completeKql } = await loadKql();
        const r = await completeKql(kql.code, kql.cursorPos);
        content = { matches: r.matches, cursor_start: r.cursorStart + kql.offset, cursor_end: r.cursorEnd + kql.offset, metadata: {}, status: 'ok' };
      } catch (e) {
        content = { status: 'error', ...toCellError(e, 'complete', sources) };
      }
    } else {
      content = { ...completeCode(code, cursorPos, userNames) };
    }
    post({ type: 'reply', id, content });
  }

  return {
    handle(req: ExecRequest): void {
      switch (req.type) {
        case 'execute':
          queue.push(req);
          void drain();
          break;
        case 'complete':
          void complete(req.id, req.code, req.cursorPos);
          break;
        case 'inspect': {
          let content: Record<string, unknown>;
          try {
            content = { ...inspectAt(req.code, req.cursorPos, req.detailLevel) };
          } catch (e) {
            content = { status: 'error', ...toCellError(e, 'inspect', sources) };
          }
          post({ type: 'reply', id: req.id, content });
          break;
        }
        case 'interrupt':
          interruptFrom('message');
          break;
        case 'shutdown':
          queue.length = 0;
          running?.interrupt();
          break;
      }
    },
  };
}
