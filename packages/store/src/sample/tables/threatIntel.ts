/**
 * ThreatIntelligenceIndicator: the indicator feed of the sample workspace
 * (addresses, domains, URLs and file hashes from several providers). It lists
 * the attackers the normal traffic already contains (the brute-force and
 * scanning addresses, the background malware hosts) and invented ones from the
 * documentation ranges and reserved domains; the stories add their campaign's.
 */
import { TS, type Ctx, type TableGen } from '../context.ts';
import { ORG } from '../org.ts';
import { lit } from '../sql.ts';
import { ATTACKER_IPS, laCommon } from './common.ts';

const KNOWN_HOSTS = ['203.0.113.66', '198.51.100.77'];
const KNOWN_DOMAINS = ['cdn-update.example', 'exfil-relay.example', 't.exfil-relay.example'];
const PREFIXES = ['secure', 'login', 'account', 'verify', 'update', 'cdn', 'files', 'docs', 'mail', 'portal', 'sso', 'support'];
const MIDDLES = ['larkspur', 'logistics-portal', 'freight-track', 'invoice-view', 'shipment-notice', 'payroll-update', 'file-share', 'doc-sign', 'mailbox-verify', 'cloud-sync'];
const PATHS = ['login.php', 'invoice.zip', 'update.bin', 'a.ps1', 'gate.php', 'dl/setup.exe', 'wp-content/plugins/x/load.js', 'oauth/authorize', 'shipment/track.html', 'doc/view.hta'];
const FILES = ['update.exe', 'svc.exe', 'invoice.pdf.exe', 'mm.exe', 'stage2.dll', 'loader.js', 'shipment.lnk', 'payload.ps1'];
const MALWARE = ['GrayFox', 'LoaderX', 'Quartzbot', 'NightShade', 'PowerCradle'];

export const threatIntelligenceIndicator: TableGen = {
  name: 'ThreatIntelligenceIndicator',
  share: 0.05,
  min: 40,
  build(ctx: Ctx, lo: number, hi: number, n: number) {
    const r = ctx.r;
    const pipe = ctx
      .base('flat', lo, hi, n)
      .extend({
        kind: r.wpick('kind', [['ip', 40], ['domain', 25], ['url', 20], ['file', 15]]),
        ipv: `CASE WHEN ${r.chance('ipk', 0.45)} THEN ${r.pick('ipa', [...ATTACKER_IPS, ...KNOWN_HOSTS])} ELSE '203.0.113.' || (1 + ${r.m('ipo', 254)})::VARCHAR END`,
        dom: `CASE WHEN ${r.chance('dk', 0.15)} THEN ${r.pick('dkn', KNOWN_DOMAINS)}
          ELSE ${r.pick('dp', PREFIXES)} || '-' || ${r.pick('dm', MIDDLES)} || (CASE WHEN ${r.chance('dn', 0.4)} THEN ${r.int('dnn', 2, 99)}::VARCHAR ELSE '' END) || ${r.pick('dt', ['.example', '.test'])} END`,
        active: r.chance('act', 0.92),
      })
      .extend({
        tt: `CASE kind WHEN 'ip' THEN ${r.wpick('tti', [['Botnet', 35], ['C2', 25], ['Proxy', 20], ['WatchList', 20]])}
          WHEN 'domain' THEN ${r.wpick('ttd', [['Phishing', 50], ['C2', 30], ['MaliciousUrl', 20]])}
          WHEN 'url' THEN ${r.wpick('ttu', [['MaliciousUrl', 50], ['Phishing', 35], ['Malware', 15]])} ELSE 'Malware' END`,
        url: `CASE WHEN ${r.chance('us', 0.6)} THEN 'https://' ELSE 'http://' END || (CASE WHEN ${r.chance('uip', 0.3)} THEN ipv ELSE dom END) || '/' || ${r.pick('up', PATHS)}`,
        sha: `${r.hex('h1', 16)} || ${r.hex('h2', 16)} || ${r.hex('h3', 16)} || ${r.hex('h4', 16)}`,
      });
    const provider = r.wpick('prov', [['Microsoft Defender Threat Intelligence', 50], ['Logistics ISAC', 20], ['Community OSINT feed', 15], ['Larkspur CTI', 15]]);
    const desc = `CASE tt WHEN 'Botnet' THEN 'Botnet node scanning and brute-forcing exposed services'
      WHEN 'C2' THEN 'Command and control infrastructure' WHEN 'Proxy' THEN 'Anonymising proxy seen in credential attacks'
      WHEN 'WatchList' THEN 'Address seen in opportunistic scanning' WHEN 'Phishing' THEN 'Credential phishing site impersonating a logistics portal'
      WHEN 'MaliciousUrl' THEN 'Malware download URL' ELSE 'Malicious file' END`;
    const cols: Record<string, string> = {
      ...laCommon('ThreatIntelligenceIndicator', `${r.int('size', 800, 1600)}::DOUBLE`),
      TimeGenerated: TS('t_ns'),
      SourceSystem: `'SecurityGraph'`,
      Action: `'alert'`,
      Active: 'active',
      ActivityGroupNames: `''`,
      ConfidenceScore: `${r.int('conf', 25, 100)}::DOUBLE`,
      Description: desc,
      ExpirationDateTime: TS(`t_ns + (CASE WHEN active THEN ${r.int('exp', 14, 120)} ELSE -${r.int('expd', 1, 5)} END) * 86400000000000`),
      ExternalIndicatorId: `'indicator--' || ${r.guid('ext')}`,
      IndicatorId: `upper(${r.hex('id1', 16)} || ${r.hex('id2', 16)} || ${r.hex('id3', 8)})`,
      IndicatorProvider: provider,
      ThreatType: 'tt',
      ThreatSeverity: `${r.int('sev', 1, 5)}::INTEGER`,
      TrafficLightProtocolLevel: r.wpick('tlp', [['Amber', 40], ['Green', 35], ['White', 25]]),
      PassiveOnly: 'FALSE',
      Tags: `'["' || lower(tt) || '"]'`,
      MalwareNames: `CASE WHEN tt IN ('C2', 'Malware') THEN ${r.pick('mw', MALWARE)} ELSE '' END`,
      KillChainC2: `tt = 'C2'`,
      KillChainDelivery: `tt IN ('MaliciousUrl', 'Phishing', 'Malware')`,
      KillChainActions: `tt = 'Botnet'`,
      KillChainExploitation: 'FALSE',
      KillChainReconnaissance: `tt = 'WatchList'`,
      KillChainWeaponization: 'FALSE',
      NetworkIP: `CASE WHEN kind = 'ip' THEN ipv ELSE '' END`,
      DomainName: `CASE WHEN kind = 'domain' THEN dom ELSE '' END`,
      Url: `CASE WHEN kind = 'url' THEN url ELSE '' END`,
      FileHashType: `CASE WHEN kind = 'file' THEN 'SHA256' ELSE '' END`,
      FileHashValue: `CASE WHEN kind = 'file' THEN sha ELSE '' END`,
      FileName: `CASE WHEN kind = 'file' THEN ${r.pick('fn', FILES)} ELSE '' END`,
      TenantId: lit(ORG.workspaceId),
    };
    return { pipe, cols };
  },
};
