/**
 * `huntbook demo`: make a demo database of generated security logs (once) and run a few
 * typical hunting queries on it, so a new user sees KQL on Huntbook working in one command.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KqlDatabase, generateSample } from '@huntbook/store';
import { table } from './format.ts';

export const DEMO_HUNTS: readonly { title: string; kql: string }[] = [
  {
    title: 'Failed logons: the accounts with the most failures per hour',
    kql: `SecurityEvent
| where EventID == 4625
| summarize Failures = count(), Sources = dcount(IpAddress) by Account, Hour = bin(TimeGenerated, 1h)
| top 5 by Failures`,
  },
  {
    title: 'Rare processes: executables seen on only one host',
    kql: `SecurityEvent
| where EventID == 4688
| summarize Hosts = dcount(Computer), Runs = count(), Example = take_any(CommandLine) by NewProcessName
| where Hosts == 1
| top 5 by Runs asc`,
  },
  {
    title: 'Encoded PowerShell command lines',
    kql: `SecurityEvent
| where EventID == 4688 and NewProcessName endswith @'\\powershell.exe'
| where CommandLine has_any ('-enc', '-EncodedCommand', '-e')
| project TimeGenerated, Computer, Account, CommandLine
| take 5`,
  },
  {
    title: 'Sign-ins: users seen in more than one country',
    kql: `SigninLogs
| where ResultType == '0'
| summarize Countries = make_set(Location), Signins = count() by UserPrincipalName
| where array_length(Countries) > 1
| top 5 by Signins`,
  },
  {
    title: 'Top talkers through the firewall',
    kql: `CommonSecurityLog
| summarize SentMB = round(sum(SentBytes) / 1048576.0, 1), Destinations = dcount(DestinationIP) by SourceIP
| top 5 by SentMB`,
  },
];

export async function demo(path: string, rows: number, out: (s: string) => void): Promise<void> {
  const file = resolve(path);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    out(`Generating ${rows.toLocaleString('en-US')} rows of demo security logs into ${file} ...`);
    const r = await generateSample({ db: file, rows, seed: 1 });
    out(`done in ${(r.ms / 1000).toFixed(1)} s: ${r.tables.map((t) => `${t.name} ${t.rows}`).join(', ')}\n`);
  }
  const db = await KqlDatabase.open(file, { readOnly: true });
  try {
    const [newest] = (await db.sql('SELECT max(TimeGenerated) FROM SecurityEvent'))[0] as [{ nanos?: bigint } | null];
    const now = newest?.nanos ? new Date(Number(newest.nanos / 1_000_000n)) : undefined;
    for (const h of DEMO_HUNTS) {
      out(`── ${h.title}\n${h.kql}\n`);
      try {
        out(`${table(await db.query(h.kql, { now }))}\n`);
      } catch (e) {
        out(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
  } finally {
    db.close();
  }
  out(`Hunt on: node packages/cli/bin/huntbook.js query --db ${path} "SecurityEvent | take 10"`);
}
