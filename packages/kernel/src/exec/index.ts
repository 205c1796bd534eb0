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
 * Interrupt: the protocol worker posts { type: 'interrupt' } and, while a cell's synchronous part
 * runs (the shared `inScript` flag, raised by the script itself), sends SIGINT to the process.
 * That part runs with `breakOnSigint`, which stops a loop; a cell waiting on a promise is
 * abandoned on whichever of the two arrives first (the other one, arriving within a second,
 * belongs to the same interrupt and is ignored, so it cannot stop the next cell). SIGINT is
 * gated by the flag because vm swaps the process's SIGINT handling around each script (it
 * removes the listeners, then starts its watchdog; stops it, then restores them): a SIGINT in
 * those gaps gets the default action and ends the process.
 * Code that loops after an `await` runs outside breakOnSigint: the worker then terminates the
 * main thread's JavaScript through the inspector (protocol/terminate.ts), and the interrupt
 * message, which gets through once the loop is gone, ends the cell. A cell ends (its 'done' is
 * posted and the next cell starts) from its interrupt too, so a termination that unwound the
 * Executor's own frames cannot leave the queue stuck.
 */
import * as vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import type { CellError, DisplayBundle, ExecEvent, ExecRequest, KernelHost } from '../types.ts';
import { completeCode, inspectAt } from './complete.ts';
import { createDisplay, isDisplayHandle, type DisplaySink } from './display.ts';
import { cellFileName, interruptError, toCellError } from './errors.ts';
import { cellMagicText, kqlAtCursor, loadKql, rewriteLineMagics } from './magics.ts';
import { bundleOf, createCellConsole } from './output.ts';
import { page, pageRequest } from './pager.ts';
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

export interface ExecutorOptions {
  /**
   * A one-element flag shared with the protocol worker: 1 while a cell's script runs under
   * breakOnSigint (set and cleared by the script itself), the only moments when SIGINT is safe
   * to send (see protocol/kernel.ts).
   */
  inScript?: Int32Array;
}

export function createExecutor(post: (e: ExecEvent) => void, options: ExecutorOptions = {}): Executor {
  const inScript = options.inScript ?? new Int32Array(1);
  const sources = new Map<string, string>();
  const userNames = new Set<string>();
  const queue: ExecuteRequest[] = [];
  let running: RunningCell | undefined;
  let lastId: string | undefined;
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
    enter(): void {
      Atomics.store(inScript, 0, 1);
    },
    leave(): void {
      Atomics.store(inScript, 0, 0);
    },
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

  // An error that escapes a cell (a rejected promise nobody awaited, a throw in a timer) is
  // printed on the stderr of the cell running (or the last one) instead of ending the kernel.
  // An abandoned cell's Interrupted is the kernel's own: a termination (see the top) can drop
  // the microtask that would have handled it.
  const escaped = (what: string) => (e: unknown) => {
    if (e instanceof Interrupted) return;
    const { traceback } = toCellError(e, '', sources);
    cellConsole.error(`${what}: ${traceback.join('\n')}`);
  };
  process.on('unhandledRejection', escaped('Unhandled promise rejection'));
  process.on('uncaughtException', escaped('Uncaught exception'));

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
    // the flag is raised and lowered inside the script, i.e. while vm's SIGINT watchdog is on
    const head = `${INTERNAL}.enter(); try { `;
    const code = `${head}${compiled.script}\n} finally { ${INTERNAL}.leave() }`;
    const script = new vm.Script(code, { filename: fileName, columnOffset: compiled.columnOffset - head.length });
    let promise: Promise<unknown>;
    try {
      promise = script.runInThisContext({ breakOnSigint: true, displayErrors: false }) as Promise<unknown>;
    } catch (e) {
      Atomics.store(inScript, 0, 0);
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
    let ended = false;
    /** Posts the cell's 'done' once and starts the next cell. */
    const end = (done: Extract<ExecEvent, { type: 'done' }>) => {
      if (ended) return;
      ended = true;
      post(done);
      if (!cell.controller.signal.aborted) cell.controller.abort(new Error('the cell has ended'));
      if (running === cell) running = undefined;
      next();
    };
    const cell: RunningCell = {
      id: req.id,
      controller: new AbortController(),
      interrupted: false,
      interrupt() {
        cell.interrupted = true;
        cell.controller.abort(new Error('the cell was interrupted'));
        reject(new Interrupted());
        // Ended here, not only when evaluate() rejects: after the inspector terminated the
        // cell's JavaScript (see protocol/terminate.ts) this function's frames may be gone.
        end({ type: 'done', id: req.id, status: 'error', error: interruptError(), userExpressions: {} });
      },
    };
    running = cell;
    lastId = req.id;
    const help = pageRequest(req.code);
    if (help) {
      const paged = page(help);
      if (!paged.found) post({ type: 'stream', id: req.id, name: 'stdout', text: paged.message });
      end({ type: 'done', id: req.id, status: 'ok', userExpressions: {}, ...(paged.found ? { payload: paged.payload } : {}) });
      return;
    }
    try {
      const value = await evaluate(req, cell, interrupted);
      if (ended) return;
      if (!req.silent && value !== undefined && !isDisplayHandle(value)) post({ type: 'result', id: req.id, bundle: bundleOf(value) });
      end({ type: 'done', id: req.id, status: 'ok', userExpressions: evaluateUserExpressions(req.userExpressions) });
    } catch (e) {
      const error: CellError = cell.interrupted || e instanceof Interrupted ? interruptError() : toCellError(e, fileName, sources);
      end({ type: 'done', id: req.id, status: 'error', error, userExpressions: {} });
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

  /** Starts the next queued cell when none runs (called again by each cell's end). */
  function next(): void {
    if (running) return;
    const req = queue.shift();
    if (req) void execute(req);
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
          next();
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
