/**
 * `huntbook serve`: start the service (Log Analytics and Kusto query APIs, workspaces,
 * ingestion) and print where it listens, the data dir and how to sign in. Stops cleanly on
 * SIGINT/SIGTERM (running queries are cancelled, workspaces closed); a second signal exits.
 */
import { readFileSync } from 'node:fs';
import { resolveDataDir } from '@huntbook/store';
import { startServer } from '@huntbook/server';
import { intOption, parseArgs, UsageError, type ParsedArgs } from './args.ts';

export const SERVE_USAGE = `  huntbook serve [--host H] [--port N] [--data-dir DIR] [--tls-cert FILE --tls-key FILE] [--demo-rows N]
      Start the service (Log Analytics and Kusto query APIs, workspaces, ingestion) on
      127.0.0.1:8080 (HUNTBOOK_HOST, HUNTBOOK_PORT, HUNTBOOK_DATA_DIR). The first start creates
      the workspace 'demo' (N generated rows, default 200,000) and prints a token.
`;

export const SERVE_FLAGS = new Set<string>();
export const SERVE_OPTIONS = new Set(['host', 'port', 'data-dir', 'tls-cert', 'tls-key', 'demo-rows']);

function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} needs a value`);
  return v;
}

function portOf(text: string, where: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UsageError(`${where} must be a port number 0..65535, not '${text}'`);
  return n;
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read the TLS ${what} ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function serve(argv: string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, SERVE_FLAGS, SERVE_OPTIONS);
  if (args.positionals.length) throw new UsageError(`serve takes no arguments (got '${args.positionals[0]}')`);
  const host = stringOption(args, 'host') ?? process.env.HUNTBOOK_HOST ?? '127.0.0.1';
  const portText = stringOption(args, 'port');
  const port = portText !== undefined ? portOf(portText, '--port') : process.env.HUNTBOOK_PORT ? portOf(process.env.HUNTBOOK_PORT, 'HUNTBOOK_PORT') : 8080;
  const dataDir = resolveDataDir(stringOption(args, 'data-dir'));
  const certPath = stringOption(args, 'tls-cert');
  const keyPath = stringOption(args, 'tls-key');
  if ((certPath === undefined) !== (keyPath === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  const tls = certPath && keyPath ? { cert: readPem(certPath, 'certificate'), key: readPem(keyPath, 'key') } : undefined;
  const demoRows = intOption(args, 'demo-rows', 200_000);

  const { app, url } = await startServer({
    dataDir, host, port, tls, demoRows,
    logger: { level: process.env.HUNTBOOK_LOG_LEVEL ?? 'warn' },
    onProgress: (m) => out(m),
  });
  const hb = app.huntbook;
  const names = (await hb.workspaces.list()).map((w) => w.name);
  out('');
  out(`Huntbook is listening on ${url}`);
  out(`  the app:     ${url}/  (notebooks, the Logs tab, templates)`);
  out(`  data dir:    ${dataDir}`);
  out(`  workspaces:  ${names.length ? names.join(', ') : '(none)'}`);
  out(`  Log Analytics API: ${url}/v1/workspaces/<workspace>/query    Kusto: ${url} (database = workspace)`);
  if (hb.firstToken) {
    out('');
    out('Sign in with this token (shown once; keep it):');
    out(`  ${hb.firstToken}`);
    out(`  open ${url}/?token=${hb.firstToken}`);
    out(`  e.g. curl -H "Authorization: Bearer ${hb.firstToken}" ${url}/v1/workspaces/demo/query -d '{"query":"SecurityEvent | take 5"}' -H 'Content-Type: application/json'`);
  } else {
    out(`Sign in with a token: make one with \`huntbook token create --data-dir ${dataDir}\``);
  }
  out('Stop with Ctrl-C.');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        out(`${signal} again: exiting now`);
        process.exit(130);
      }
      stopping = true;
      out(`${signal}: stopping (cancelling running queries, closing workspaces) ...`);
      app.close().then(() => { out('stopped'); resolve(0); }, (e: unknown) => { out(`error while stopping: ${e instanceof Error ? e.message : String(e)}`); resolve(1); });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
