/**
 * Connection files for the kernels this server starts: five free TCP ports on 127.0.0.1 and a
 * random HMAC key, written to a private temp dir (0700) as a 0600 file.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionInfo } from '@huntbook/kernel';

/** The connection file's shape: the kernel package's (what the kernel reads is what we write). */
export type { ConnectionInfo } from '@huntbook/kernel';

/** Ports the system has free now (each bound at once, so they differ), released before returning. */
async function freePorts(n: number, host: string): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export async function newConnection(kernelName: string): Promise<ConnectionInfo> {
  const ip = '127.0.0.1';
  const [shell, control, iopub, stdin, hb] = await freePorts(5, ip);
  return {
    transport: 'tcp', ip,
    shell_port: shell!, control_port: control!, iopub_port: iopub!, stdin_port: stdin!, hb_port: hb!,
    key: randomBytes(32).toString('hex'),
    signature_scheme: 'hmac-sha256',
    kernel_name: kernelName,
  };
}

/** Writes the file in a new private temp dir; `remove` deletes the dir. */
export function writeConnectionFile(info: ConnectionInfo, kernelId: string): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'huntbook-kernel-'));
  const path = join(dir, `kernel-${kernelId}.json`);
  writeFileSync(path, JSON.stringify(info, null, 2), { mode: 0o600 });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function endpoint(info: ConnectionInfo, port: number): string {
  return `tcp://${info.ip}:${port}`;
}
