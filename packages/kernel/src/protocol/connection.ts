/**
 * The Jupyter connection file: where the kernel binds its five sockets and which key signs
 * its messages. Read once at start; every problem names the file and the field.
 */
import { readFileSync } from 'node:fs';

export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  shell_port: number;
  control_port: number;
  iopub_port: number;
  stdin_port: number;
  hb_port: number;
  /** empty: messages are neither signed nor checked */
  key: string;
  signature_scheme: string;
  kernel_name?: string;
}

export type Channel = 'shell' | 'control' | 'iopub' | 'stdin' | 'hb';

export class ConnectionFileError extends Error {
  override name = 'ConnectionFileError';
}

const PORTS = ['shell_port', 'control_port', 'iopub_port', 'stdin_port', 'hb_port'] as const;

/** Reads and checks a connection file. */
export function readConnectionFile(path: string): ConnectionInfo {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConnectionFileError(`cannot read the connection file ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConnectionFileError(`the connection file ${path} is not JSON: ${(e as Error).message}`);
  }
  return parseConnectionInfo(raw, path);
}

/** Checks the fields of a parsed connection file; `where` names it in errors. */
export function parseConnectionInfo(raw: unknown, where: string): ConnectionInfo {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConnectionFileError(`the connection file ${where} must hold a JSON object`);
  }
  const o = raw as Record<string, unknown>;
  const transport = o.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ipc') {
    throw new ConnectionFileError(`${where}: transport must be "tcp" or "ipc", not ${JSON.stringify(transport)}`);
  }
  const ip = o.ip ?? '127.0.0.1';
  if (typeof ip !== 'string' || ip === '') throw new ConnectionFileError(`${where}: ip must be a non-empty string`);
  const ports = {} as Record<(typeof PORTS)[number], number>;
  for (const p of PORTS) {
    const v = o[p];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 65535) {
      throw new ConnectionFileError(`${where}: ${p} must be an integer port (0-65535), not ${JSON.stringify(v)}`);
    }
    ports[p] = v;
  }
  const key = o.key ?? '';
  if (typeof key !== 'string') throw new ConnectionFileError(`${where}: key must be a string`);
  const scheme = o.signature_scheme ?? 'hmac-sha256';
  if (scheme !== 'hmac-sha256') {
    throw new ConnectionFileError(`${where}: signature_scheme ${JSON.stringify(scheme)} is not supported (only "hmac-sha256")`);
  }
  const kernelName = typeof o.kernel_name === 'string' ? o.kernel_name : undefined;
  return { transport, ip, ...ports, key, signature_scheme: scheme, kernel_name: kernelName };
}

/** The ZeroMQ endpoint of one channel: tcp://ip:port, or ipc://ip-N as Jupyter names ipc files. */
export function endpoint(info: ConnectionInfo, channel: Channel): string {
  const port = info[`${channel}_port` as `${Channel}_port`];
  return info.transport === 'tcp' ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
