import { HOSTS, OFFICES, USERS, type HostKind } from './org.ts';
import { makeDim, Pipe, Rand, type Dim, type Lit } from './sql.ts';
import { quantileDim, QUANTILE_COUNT, type Profile } from './time.ts';

/** What a table generator sees: the seed's random expressions, the window and shared dimensions. */
export class Ctx {
  readonly r: Rand;
  readonly startNs: bigint;
  private readonly dims = new Map<string, Dim>();
  /** DDL of dimensions not yet created in the database */
  readonly pending: string[] = [];

  constructor(
    readonly seed: number,
    readonly startMs: number,
    readonly endMs: number,
    readonly days: number,
  ) {
    this.r = new Rand(seed);
    this.startNs = BigInt(startMs) * 1_000_000n;
  }

  dim(key: string, make: () => Dim): Dim {
    let d = this.dims.get(key);
    if (!d) {
      d = make();
      this.dims.set(key, d);
      this.pending.push(d.ddl);
    }
    return d;
  }

  /** Rows lo..hi-1 of n, with `i` and `t_ns` (epoch ns, multiple of 100) following the profile. */
  base(profile: Profile, lo: number, hi: number, n: number): Pipe {
    const q = this.dim(`time:${profile}`, () => quantileDim(`q${profile}`, profile, this.startMs, this.days));
    const p = new Pipe(`SELECT i FROM range(${lo}, ${hi}) r(i)`, this.r);
    p.extend({ _x: `(i + ${this.r.u('time')}) * ${QUANTILE_COUNT} / ${n}` });
    p.join(q, `least(floor(_x), ${QUANTILE_COUNT - 1})`);
    p.extend({ t_ns: `${this.startNs} + round((q${profile}_t0 + (_x - floor(_x)) * q${profile}_dt) * 10000000)::BIGINT * 100` });
    return p;
  }

  /** Users, weighted by activity. Fields <prefix>_sam, _display, _upn, _sid, _oid, _dept, _ws (host idx or -1), _admin, _city... */
  users(prefix: string, filter?: (admin: boolean) => boolean): Dim {
    return this.dim(`users:${prefix}:${filter ? 'f' : ''}`, () => {
      const list = USERS.filter((u) => !filter || filter(u.admin));
      return makeDim(
        prefix,
        list.map((u) => {
          const o = OFFICES[u.office]!;
          return { sam: u.sam, display: u.display, upn: u.upn, sid: u.sid, oid: u.objectId, dept: u.dept, ws: u.ws, admin: u.admin, city: o.city, state: o.state, country: o.country, lat: o.lat, lon: o.lon, egress: o.egress, gidx: u.idx };
        }),
        list.map((u) => u.weight),
        4000,
      );
    });
  }

  /** Hosts. Without kinds: every host, keyed by its global index (for joins). With kinds: a weighted pick among those kinds. */
  hosts(prefix: string, kinds?: HostKind[]): Dim {
    return this.dim(`hosts:${prefix}:${kinds?.join(',') ?? '*'}`, () => {
      const list = kinds ? HOSTS.filter((h) => kinds.includes(h.kind)) : HOSTS;
      const rows = list.map((h): Record<string, Lit> => ({
        name: h.name, fqdn: h.fqdn, lfqdn: h.fqdn.toLowerCase(), kind: h.kind, os: h.os, osver: h.osVersion, ip: h.ip,
        devid: h.deviceId, agent: h.agentId, office: h.office, role: h.role, gidx: h.idx,
      }));
      return kinds ? makeDim(prefix, rows, list.map((h) => h.weight), 2000) : makeDim(prefix, rows);
    });
  }
}

export const TS = (ns: string) => `make_timestamp_ns(${ns})`;

/** JSON object text from [key, sqlExpr, kind] where kind 's' quotes the value as a JSON string. */
export function jsonObj(fields: [string, string, 's' | 'n' | 'b' | 'j'][]): string {
  const parts = fields.map(([k, e, kind]) => {
    const v = kind === 's' ? `to_json(${e})::VARCHAR` : kind === 'b' ? `CASE WHEN ${e} THEN 'true' ELSE 'false' END` : `(${e})::VARCHAR`;
    return `'"${k}":' || ${v}`;
  });
  return `('{' || ${parts.join(` || ',' || `)} || '}')`;
}

export interface TableGen {
  name: string;
  /** relative share of the requested rows */
  share: number;
  /** at least this many rows (when rows allow) */
  min?: number;
  build(ctx: Ctx, lo: number, hi: number, n: number): { pipe: Pipe; cols: Record<string, string> };
}
