/**
 * The fictional organisation behind the sample data: Larkspur Logistics,
 * domain larkspur.example (RFC 2606 reserved), NetBIOS LARKSPUR. The org is
 * fixed (independent of the seed) so that docs, templates and tests can name
 * its users and hosts; the seed only changes the events.
 * All names are invented combinations; all addresses are private, documentation
 * (RFC 5737 / RFC 3849) or large cloud-provider ranges.
 */
import { createHash } from 'node:crypto';

export const ORG = {
  name: 'Larkspur Logistics',
  domain: 'larkspur.example',
  netbios: 'LARKSPUR',
  tenantId: '7c3e1f52-9a4b-4d8e-b6f1-2a5c9d0e8b14',
  workspaceId: 'b2d41f7a-6c8e-4a19-9f3d-51e0c7a2d6b8',
  subscriptionId: 'e4a7c2d9-1b3f-4e6a-8c5d-9f2b7a1e3c60',
  domainSid: 'S-1-5-21-3124159860-2817466535-1098457211',
  firewallEgressIp: '192.0.2.10',
} as const;

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hexOf(s: string, algo: 'sha256' | 'sha1' | 'md5' = 'sha256'): string {
  return createHash(algo).update(s).digest('hex');
}

/** A GUID derived from a name (stable). */
export function guidOf(s: string): string {
  const h = hexOf(s, 'md5');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export interface Place {
  city: string;
  state: string;
  country: string; // ISO 3166 alpha-2
  countryName: string;
  lat: number;
  lon: number;
}

export const OFFICES: (Place & { egress: string; users: number; tzOffset: number })[] = [
  { city: 'Chicago', state: 'Illinois', country: 'US', countryName: 'United States', lat: 41.8781, lon: -87.6298, egress: '192.0.2.10', users: 88, tzOffset: -6 },
  { city: 'Austin', state: 'Texas', country: 'US', countryName: 'United States', lat: 30.2672, lon: -97.7431, egress: '192.0.2.20', users: 40, tzOffset: -6 },
  { city: 'London', state: 'England', country: 'GB', countryName: 'United Kingdom', lat: 51.5074, lon: -0.1278, egress: '192.0.2.30', users: 36, tzOffset: 0 },
  { city: 'Berlin', state: 'Berlin', country: 'DE', countryName: 'Germany', lat: 52.52, lon: 13.405, egress: '192.0.2.40', users: 21, tzOffset: 1 },
  { city: 'Bengaluru', state: 'Karnataka', country: 'IN', countryName: 'India', lat: 12.9716, lon: 77.5946, egress: '192.0.2.50', users: 15, tzOffset: 5.5 },
];

/** Where employees also sign in from (home, travel); IPs from 198.51.100.0/24. */
export const TRAVEL: Place[] = [
  { city: 'New York', state: 'New York', country: 'US', countryName: 'United States', lat: 40.7128, lon: -74.006 },
  { city: 'Denver', state: 'Colorado', country: 'US', countryName: 'United States', lat: 39.7392, lon: -104.9903 },
  { city: 'Toronto', state: 'Ontario', country: 'CA', countryName: 'Canada', lat: 43.6532, lon: -79.3832 },
  { city: 'Paris', state: 'Ile-de-France', country: 'FR', countryName: 'France', lat: 48.8566, lon: 2.3522 },
  { city: 'Amsterdam', state: 'Noord-Holland', country: 'NL', countryName: 'Netherlands', lat: 52.3676, lon: 4.9041 },
  { city: 'Dublin', state: 'Dublin', country: 'IE', countryName: 'Ireland', lat: 53.3498, lon: -6.2603 },
  { city: 'Tokyo', state: 'Tokyo', country: 'JP', countryName: 'Japan', lat: 35.6762, lon: 139.6503 },
  { city: 'Mexico City', state: 'Ciudad de Mexico', country: 'MX', countryName: 'Mexico', lat: 19.4326, lon: -99.1332 },
];

/** Where hostile traffic appears to come from; IPs from 203.0.113.0/24. */
export const HOSTILE: Place[] = [
  { city: 'Moscow', state: 'Moscow', country: 'RU', countryName: 'Russia', lat: 55.7558, lon: 37.6173 },
  { city: 'Beijing', state: 'Beijing', country: 'CN', countryName: 'China', lat: 39.9042, lon: 116.4074 },
  { city: 'Lagos', state: 'Lagos', country: 'NG', countryName: 'Nigeria', lat: 6.5244, lon: 3.3792 },
  { city: 'Sao Paulo', state: 'Sao Paulo', country: 'BR', countryName: 'Brazil', lat: -23.5505, lon: -46.6333 },
  { city: 'Hanoi', state: 'Hanoi', country: 'VN', countryName: 'Vietnam', lat: 21.0278, lon: 105.8342 },
  { city: 'Bucharest', state: 'Bucuresti', country: 'RO', countryName: 'Romania', lat: 44.4268, lon: 26.1025 },
  { city: 'Tehran', state: 'Tehran', country: 'IR', countryName: 'Iran', lat: 35.6892, lon: 51.389 },
];

const FIRST = ['Avery', 'Blake', 'Camila', 'Dmitri', 'Elena', 'Farah', 'Gabriel', 'Hana', 'Isaac', 'Jonas', 'Keiko', 'Liam', 'Maya', 'Nikhil', 'Olivia', 'Priya', 'Quinn', 'Rafael', 'Sofia', 'Tobias', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zara', 'Aaron', 'Beatriz', 'Chloe', 'Diego', 'Emeka', 'Freya', 'Grace', 'Hugo', 'Ines', 'Jamal', 'Kira', 'Lucas', 'Mei', 'Noah', 'Omar', 'Paula', 'Ravi', 'Sana', 'Theo', 'Valentina', 'Will', 'Yara', 'Anika', 'Bruno', 'Clara', 'Daniel', 'Esther', 'Felix', 'Greta', 'Henrik', 'Ivy', 'Jasper', 'Leah', 'Marcus'];
const LAST = ['Abbott', 'Banerjee', 'Castillo', 'Draper', 'Eriksen', 'Fontaine', 'Garrido', 'Halvorsen', 'Ibarra', 'Jansen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintero', 'Rasmussen', 'Sato', 'Thornton', 'Underwood', 'Varga', 'Whitfield', 'Xu', 'Yamamoto', 'Zimmer', 'Alvarez', 'Brennan', 'Chandra', 'Delacroix', 'Ekwueme', 'Fischer', 'Gallagher', 'Haddad', 'Iyer', 'Kaur', 'Lambert', 'Mensah', 'Novak', 'Ortega', 'Pereira', 'Reyes', 'Schubert', 'Tanaka', 'Vasquez', 'Weber', 'Young', 'Zhou', 'Achterberg', 'Bishop'];
const DEPTS: [string, number][] = [['Operations', 40], ['Sales', 30], ['Finance', 22], ['Engineering', 38], ['IT', 14], ['HR', 10], ['Legal', 6], ['Marketing', 16], ['Customer Service', 20], ['Executive', 4]];

export interface User {
  idx: number;
  sam: string;
  display: string;
  upn: string;
  sid: string;
  objectId: string;
  dept: string;
  office: number;
  /** index into HOSTS of the user's workstation, or -1 */
  ws: number;
  /** IT staff have an admin account adm-<sam> */
  admin: boolean;
  /** relative activity */
  weight: number;
}

export type HostKind = 'dc' | 'server' | 'workstation' | 'linux';

export interface Host {
  idx: number;
  name: string; // NetBIOS / short name
  fqdn: string;
  kind: HostKind;
  os: string;
  osVersion: string;
  ip: string;
  deviceId: string; // MDE-style 40 hex
  agentId: string; // guid
  office: number;
  role: string;
  weight: number; // share of host-bound events
}

export interface ServiceAccount {
  sam: string;
  sid: string;
}

export const SERVICE_ACCOUNTS: ServiceAccount[] = ['svc_backup', 'svc_sql', 'svc_sccm', 'svc_web', 'svc_scan', 'svc_adsync'].map((s, n) => ({
  sam: s,
  sid: `${ORG.domainSid}-${1200 + n}`,
}));

export const LINUX_USERS = ['ubuntu', 'deploy', 'ansible', 'postgres', 'www-data', 'root'];

function buildUsers(): User[] {
  const rnd = prng(0x1a2b3c);
  const seen = new Set<string>();
  const users: User[] = [];
  const depts: string[] = [];
  for (const [d, n] of DEPTS) for (let k = 0; k < n; k++) depts.push(d);
  const offices: number[] = [];
  OFFICES.forEach((o, n) => {
    for (let k = 0; k < o.users; k++) offices.push(n);
  });
  let idx = 0;
  while (users.length < 200) {
    const f = FIRST[Math.floor(rnd() * FIRST.length)]!;
    const l = LAST[Math.floor(rnd() * LAST.length)]!;
    const display = `${f} ${l}`;
    if (seen.has(display)) continue;
    seen.add(display);
    let sam = (f[0]! + l).toLowerCase();
    for (let k = 2; users.some((u) => u.sam === sam); k++) sam = (f[0]! + l).toLowerCase() + k;
    const dept = depts[idx % depts.length]!;
    users.push({
      idx,
      sam,
      display,
      upn: `${sam}@${ORG.domain}`,
      sid: `${ORG.domainSid}-${1105 + idx}`,
      objectId: guidOf(`user:${sam}`),
      dept,
      office: offices[(idx * 37) % offices.length]!,
      ws: -1,
      admin: dept === 'IT',
      weight: 1 / Math.pow(1 + ((idx * 73) % 200) / 8, 0.9),
    });
    idx++;
  }
  return users;
}

function ip(n: number, prefix: string): string {
  return `${prefix}.${Math.floor(n / 250)}.${10 + (n % 250)}`;
}

function buildHosts(users: User[]): Host[] {
  const hosts: Host[] = [];
  const add = (name: string, kind: HostKind, os: string, osVersion: string, addr: string, office: number, role: string, weight: number) => {
    const idx = hosts.length;
    hosts.push({
      idx,
      name,
      fqdn: kind === 'linux' ? `${name}.${ORG.domain}` : `${name}.${ORG.domain}`,
      kind,
      os,
      osVersion,
      ip: addr,
      deviceId: hexOf(`device:${name}`, 'sha1'),
      agentId: guidOf(`agent:${name}`),
      office,
      role,
      weight,
    });
  };
  const ws2022 = 'Windows Server 2022 Datacenter';
  const ws2019 = 'Windows Server 2019 Standard';
  add('LK-DC01', 'dc', ws2022, '10.0.20348', '10.10.0.10', 0, 'domain controller', 9);
  add('LK-DC02', 'dc', ws2022, '10.0.20348', '10.10.0.11', 0, 'domain controller', 8);
  add('LK-DC03', 'dc', ws2019, '10.0.17763', '10.40.0.10', 2, 'domain controller', 5);
  const servers: [string, string, string][] = [
    ['LK-FS01', 'file server', '10.10.1.20'], ['LK-FS02', 'file server', '10.40.1.20'], ['LK-SQL01', 'database server', '10.10.2.30'],
    ['LK-SQL02', 'database server', '10.10.2.31'], ['LK-APP01', 'application server', '10.10.3.40'], ['LK-APP02', 'application server', '10.10.3.41'],
    ['LK-WEB01', 'IIS web server (DMZ)', '172.16.10.10'], ['LK-EXCH01', 'mail server', '10.10.4.50'], ['LK-CA01', 'certificate authority', '10.10.0.20'],
    ['LK-SCCM01', 'configuration manager', '10.10.5.60'], ['LK-JUMP01', 'admin jump host', '10.10.9.5'], ['LK-BKP01', 'backup server', '10.10.6.70'],
    ['LK-PRN01', 'print server', '10.10.7.80'], ['LK-RDS01', 'remote desktop gateway (internet facing)', '172.16.10.20'],
  ];
  servers.forEach(([n, role, a], k) => add(n, 'server', k % 3 === 2 ? ws2019 : ws2022, k % 3 === 2 ? '10.0.17763' : '10.0.20348', a, n.endsWith('02') && n.startsWith('LK-FS') ? 2 : 0, role, role.includes('internet') ? 4 : 2.5));
  const linux: [string, string, string, string][] = [
    ['lk-bastion-01', 'SSH bastion (internet facing)', '172.16.10.30', 'Ubuntu 22.04.4 LTS'], ['lk-web-01', 'nginx web', '172.16.10.31', 'Ubuntu 22.04.4 LTS'],
    ['lk-web-02', 'nginx web', '172.16.10.32', 'Ubuntu 22.04.4 LTS'], ['lk-api-01', 'API server', '10.10.8.10', 'Ubuntu 24.04.1 LTS'],
    ['lk-db-01', 'PostgreSQL', '10.10.8.20', 'Red Hat Enterprise Linux 9.4'], ['lk-db-02', 'PostgreSQL replica', '10.10.8.21', 'Red Hat Enterprise Linux 9.4'],
    ['lk-k8s-node-01', 'Kubernetes node', '10.10.8.31', 'Ubuntu 22.04.4 LTS'], ['lk-k8s-node-02', 'Kubernetes node', '10.10.8.32', 'Ubuntu 22.04.4 LTS'],
    ['lk-k8s-node-03', 'Kubernetes node', '10.10.8.33', 'Ubuntu 22.04.4 LTS'], ['lk-mon-01', 'monitoring', '10.10.8.40', 'Debian GNU/Linux 12'],
    ['lk-ci-01', 'CI runner', '10.10.8.50', 'Ubuntu 24.04.1 LTS'], ['lk-mail-relay-01', 'postfix relay', '172.16.10.40', 'Debian GNU/Linux 12'],
  ];
  for (const [n, role, a, os] of linux) add(n, 'linux', os, os.replace(/^\D+/, '').split(' ')[0]!, a, 0, role, n.includes('bastion') ? 5 : 1.5);
  // workstations: 51, assigned to the most active users first
  const byWeight = [...users].sort((a, b) => b.weight - a.weight);
  for (let k = 0; k < 51; k++) {
    const u = byWeight[k]!;
    const laptop = k % 3 !== 0;
    const name = `LK-${laptop ? 'LT' : 'WS'}-${String(1001 + k * 7).padStart(4, '0')}`;
    const win11 = k % 4 !== 3;
    u.ws = hosts.length;
    add(name, 'workstation', win11 ? 'Windows 11 Enterprise' : 'Windows 10 Enterprise', win11 ? '10.0.22631' : '10.0.19045', ip(k + u.office * 300, `10.${20 + u.office}`), u.office, `${laptop ? 'laptop' : 'desktop'} of ${u.sam}`, 1);
  }
  return hosts;
}

export const USERS: User[] = buildUsers();
export const HOSTS: Host[] = buildHosts(USERS);

export const isWindows = (h: Host) => h.kind !== 'linux';
