/**
 * Story rows of the network and threat intelligence: the beacon from the
 * victim's workstation to the C2 address (CommonSecurityLog, allowed outbound
 * TLS every ~60 s) and the campaign's indicators in ThreatIntelligenceIndicator
 * (the C2 address and domain, the cradle's URL, the spray source, the payload hash).
 */
import { guidOf, hexOf, OFFICES, ORG } from '../org.ts';
import type { Cell, StoryRow } from './cells.ts';
import type { StoryPlan } from './plan.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function receiptTime(ns: bigint): string {
  const d = new Date(Number(ns / 1_000_000n));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export function beaconRows(plan: StoryPlan): StoryRow[] {
  const w = plan.victimHost;
  const b = plan.beacon;
  const egress = OFFICES[w.office]!.egress;
  return b.times.map((at, k): StoryRow => {
    const cells: Record<string, Cell> = {
      TenantId: ORG.workspaceId, Type: 'CommonSecurityLog', _BilledSize: 1800, _IsBillable: 'True', _SubscriptionId: ORG.subscriptionId,
      TimeGenerated: { ns: at }, SourceSystem: 'OpsManager', Computer: 'lk-mon-01', CollectorHostName: 'lk-mon-01',
      _ResourceId: `/subscriptions/${ORG.subscriptionId}/resourcegroups/lk-linux/providers/microsoft.hybridcompute/machines/lk-mon-01`,
      DeviceVendor: 'Palo Alto Networks', DeviceProduct: 'PAN-OS', DeviceVersion: '10.2.9', DeviceName: 'LK-PA-FW01', DeviceAddress: '10.10.255.1',
      DeviceEventClassID: 'TRAFFIC', Activity: 'end', LogSeverity: '1', DeviceAction: 'allow', SimplifiedDeviceAction: 'Allow',
      SourceIP: w.ip, SourcePort: b.sourcePorts[k]!, DestinationIP: plan.cradle.c2Ip, DestinationPort: b.port,
      SourceTranslatedAddress: egress, SourceTranslatedPort: 1024 + ((b.sourcePorts[k]! * 7) % 64000),
      Protocol: 'TCP', ApplicationProtocol: 'ssl', CommunicationDirection: 'Outbound',
      SentBytes: b.sent[k]!, ReceivedBytes: b.received[k]!,
      SourceUserName: `${ORG.netbios.toLowerCase()}\\${plan.victim.sam}`, SourceHostName: w.name,
      DeviceInboundInterface: 'ethernet1/2', DeviceOutboundInterface: 'ethernet1/1',
      DeviceCustomString1: 'corp-internet-egress', DeviceCustomString1Label: 'Rule',
      DeviceCustomString3: 'vsys1', DeviceCustomString3Label: 'Virtual System',
      DeviceCustomString4: 'trust', DeviceCustomString4Label: 'Source Zone',
      DeviceCustomString5: 'untrust', DeviceCustomString5Label: 'Destination Zone',
      DeviceCustomNumber1: 1, DeviceCustomNumber1Label: 'Elapsed time in seconds',
      EventCount: 1, ReceiptTime: receiptTime(at), StartTime: { ns: at }, EndTime: { ns: at + 1_000_000_000n },
      DeviceExternalID: '007901341118', ExtID: String(2_000_000 + ((plan.seed * 7919 + k * 104729) % 7_000_000)),
    };
    return { table: 'CommonSecurityLog', story: 'beaconing', cells };
  });
}

interface Indicator { kind: 'ip' | 'domain' | 'url' | 'file'; value: string; threat: string; confidence: number; severity: number; description: string; tags: string[]; c2: boolean; delivery: boolean }

export const CAMPAIGN = { group: 'AMBER HARBOR', malware: 'PowerCradle', provider: 'Larkspur CTI' } as const;

/** The campaign's indicators as published in threat intelligence. */
export function storyIndicators(plan: StoryPlan): Indicator[] {
  const c = plan.cradle;
  return [
    { kind: 'ip', value: c.c2Ip, threat: 'C2', confidence: 90, severity: 5, description: `${CAMPAIGN.malware} command and control server`, tags: ['c2', CAMPAIGN.malware], c2: true, delivery: false },
    { kind: 'domain', value: c.domain, threat: 'C2', confidence: 85, severity: 4, description: `${CAMPAIGN.malware} staging domain`, tags: ['c2', 'staging'], c2: true, delivery: true },
    { kind: 'url', value: c.url, threat: 'MaliciousUrl', confidence: 80, severity: 4, description: 'PowerShell download cradle payload URL', tags: ['powershell', 'cradle'], c2: false, delivery: true },
    { kind: 'ip', value: plan.spray.ip, threat: 'Proxy', confidence: 70, severity: 3, description: 'Anonymising proxy used for password spraying against Microsoft 365', tags: ['password-spray', 'proxy'], c2: false, delivery: false },
    { kind: 'file', value: plan.payloadSha256, threat: 'Malware', confidence: 75, severity: 4, description: `${CAMPAIGN.malware} second stage`, tags: ['stage2', CAMPAIGN.malware], c2: false, delivery: true },
  ];
}

export function indicatorRows(plan: StoryPlan): StoryRow[] {
  const startNs = BigInt(plan.endMs - plan.spanMs) * 1_000_000n;
  return storyIndicators(plan).map((ind, k): StoryRow => {
    const at = startNs + BigInt(k * 37 + 11) * 60_000_000_000n + 1_234_500n * BigInt(k + 1);
    const id = guidOf(`story:${plan.seed}:ti:${ind.kind}:${ind.value}`);
    const cells: Record<string, Cell> = {
      TenantId: ORG.workspaceId, Type: 'ThreatIntelligenceIndicator', _BilledSize: 1100, _IsBillable: 'True',
      TimeGenerated: { ns: at }, SourceSystem: 'SecurityGraph',
      Action: 'alert', Active: true, ActivityGroupNames: CAMPAIGN.group, AdditionalInformation: '',
      ConfidenceScore: ind.confidence, Description: ind.description,
      ExpirationDateTime: { ns: at + 90n * 86_400_000_000_000n },
      ExternalIndicatorId: `indicator--${id}`, IndicatorId: hexOf(`indicator:${id}`).slice(0, 40).toUpperCase(), IndicatorProvider: CAMPAIGN.provider,
      ThreatType: ind.threat, ThreatSeverity: ind.severity, TrafficLightProtocolLevel: 'Amber', PassiveOnly: false,
      Tags: JSON.stringify(ind.tags), MalwareNames: ind.tags.includes(CAMPAIGN.malware) ? CAMPAIGN.malware : '',
      KillChainC2: ind.c2, KillChainDelivery: ind.delivery, KillChainActions: false, KillChainExploitation: false, KillChainReconnaissance: false, KillChainWeaponization: false,
      NetworkIP: ind.kind === 'ip' ? ind.value : '',
      DomainName: ind.kind === 'domain' ? ind.value : '',
      Url: ind.kind === 'url' ? ind.value : '',
      FileHashType: ind.kind === 'file' ? 'SHA256' : '',
      FileHashValue: ind.kind === 'file' ? ind.value : '',
      FileName: ind.kind === 'file' ? 'svchost32.exe' : '',
    };
    return { table: 'ThreatIntelligenceIndicator', story: 'threat-intel-match', cells };
  });
}
