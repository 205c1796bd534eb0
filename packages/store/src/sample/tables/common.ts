import { HOSTS, ORG, SERVICE_ACCOUNTS } from '../org.ts';
import { PROCESSES, ENCODED_COMMANDS } from '../catalog.ts';
import { makeDim, lit, type Rand } from '../sql.ts';
import type { Ctx } from '../context.ts';

/** Attacker addresses (documentation ranges), most active first. */
export const ATTACKER_IPS = ['203.0.113.42', '203.0.113.77', '198.51.100.66', '203.0.113.5', '203.0.113.133', '198.51.100.201', '203.0.113.199', '203.0.113.17', '203.0.113.222', '198.51.100.13', '203.0.113.160', '203.0.113.250'];
export const ATTACKER_WEIGHTS = ATTACKER_IPS.map((_, k) => 1 / (k + 1));

export function attackerIp(r: Rand, k: string): string {
  return r.wpick(k, ATTACKER_IPS.map((ip, n) => [ip, ATTACKER_WEIGHTS[n]!] as const));
}

export const hostIdx = (name: string): number => {
  const h = HOSTS.find((x) => x.name === name);
  if (!h) throw new Error(`no host ${name}`);
  return h.idx;
};

export const WORKSTATIONS = HOSTS.filter((h) => h.kind === 'workstation');
export const FIRST_WS = WORKSTATIONS[0]!.idx;

/** Standard columns shared by Log Analytics tables. */
export function laCommon(table: string, size: string): Record<string, string> {
  return {
    TenantId: lit(ORG.workspaceId),
    Type: lit(table),
    _BilledSize: size,
    _IsBillable: `'True'`,
    _SubscriptionId: lit(ORG.subscriptionId),
  };
}

export function processDim(ctx: Ctx) {
  return ctx.dim('proc', () =>
    makeDim(
      'pr',
      PROCESSES.map((p) => ({
        path: p.path, file: p.file, cmd: p.cmd, parent: p.parent, pfile: p.parentFile, pcmd: p.parentCmd, gp: p.grandparent,
        account: p.account, hosts: p.hosts, company: p.company, product: p.product, desc: p.description, ver: p.version,
        size: p.size, sha256: p.sha256, sha1: p.sha1, md5: p.md5, psha256: p.parentSha256, bad: p.bad,
        templ: p.cmd.includes('{') || p.path.includes('{') || p.parentCmd.includes('{') || p.parent.includes('{'),
      })),
      PROCESSES.map((p) => p.weight),
      50000,
    ),
  );
}

/** Fills {user} {n} {guid} {b64} placeholders of a template column. */
export function fill(r: Rand, col: string, user: string, k: string): string {
  return `CASE WHEN pr_templ THEN replace(replace(replace(replace(${col}, '{user}', ${user}), '{n}', ${r.int(`${k}n`, 1, 4)}::VARCHAR || ${r.int(`${k}n2`, 100, 999)}::VARCHAR), '{guid}', upper(${r.guid(`${k}g`)})), '{b64}', ${r.pick(`${k}b`, ENCODED_COMMANDS)}) ELSE ${col} END`;
}

export function svcPick(r: Rand, k: string): { name: string; sid: string } {
  const idx = r.m(k, SERVICE_ACCOUNTS.length);
  return {
    name: `list_element([${SERVICE_ACCOUNTS.map((s) => lit(s.sam)).join(', ')}], 1 + ${idx})`,
    sid: `list_element([${SERVICE_ACCOUNTS.map((s) => lit(s.sid)).join(', ')}], 1 + ${idx})`,
  };
}

export const hex = (e: string) => `'0x' || format('{:x}', (${e})::UBIGINT)`;
