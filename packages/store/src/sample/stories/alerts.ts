/**
 * Story rows in SecurityAlert: the alerts a SOC would have seen for the
 * stories, with Entities naming the same host, account and address as the
 * raw logs, so a hunt can pivot from an alert to its evidence and back.
 */
import { guidOf, hexOf, ORG, type Host, type User } from '../org.ts';
import type { Cell, StoryRow } from './cells.ts';
import type { StoryPlan } from './plan.ts';

type Entity = Record<string, string>;

const host = (h: Host): Entity => ({ HostName: h.name, DnsDomain: ORG.domain, OSFamily: 'Windows', Type: 'host' });
const user = (u: User): Entity => ({ Name: u.sam, UPNSuffix: ORG.domain, AadUserId: u.objectId, Type: 'account' });
const ip = (a: string): Entity => ({ Address: a, Type: 'ip' });

export interface StoryAlert {
  /** the story the alert points at */
  story: string;
  name: string;
  severity: 'High' | 'Medium' | 'Low';
  provider: 'ASI Scheduled Alerts' | 'MDATP' | 'IPC';
  tactics: string;
  techniques: string;
  description: string;
  /** first evidence .. last evidence */
  start: bigint;
  end: bigint;
  /** when the alert was raised */
  at: bigint;
  entities: Entity[];
  compromised: string;
  computerId: string;
}

const MIN = 60_000_000_000n;

export function storyAlerts(plan: StoryPlan): StoryAlert[] {
  const v = plan.victim;
  const w = plan.victimHost;
  const sp = plan.spray;
  const c = plan.cradle;
  const a = plan.admin;
  const beacon = plan.beacon.times;
  const local: Entity = { Name: a.newName, NTDomain: a.host.name, Sid: a.newSid, Type: 'account' };
  return [
    {
      story: 'password-spray', name: 'Password spray against Entra ID accounts', severity: 'Medium', provider: 'ASI Scheduled Alerts',
      tactics: 'CredentialAccess', techniques: '["T1110"]', description: `Failed sign-ins for ${sp.targets.length} accounts from ${sp.ip}, then a successful sign-in for ${v.upn}.`,
      start: sp.failures[0]!, end: sp.success, at: sp.success + 7n * MIN, entities: [user(v), ip(sp.ip)], compromised: v.upn, computerId: '',
    },
    {
      story: 'encoded-powershell', name: 'Suspicious PowerShell command line', severity: 'High', provider: 'MDATP',
      tactics: 'Execution', techniques: '["T1059"]', description: 'PowerShell ran a base64-encoded command that downloads and runs a script.',
      start: c.cmd, end: c.connect, at: c.ps + 3n * MIN, entities: [host(w), user(v)], compromised: w.fqdn, computerId: w.agentId,
    },
    {
      story: 'threat-intel-match', name: 'Connection to a known malicious IP address', severity: 'Medium', provider: 'ASI Scheduled Alerts',
      tactics: 'CommandAndControl', techniques: '["T1071"]', description: `Traffic to ${c.c2Ip}, listed in threat intelligence as a command and control server.`,
      start: beacon[0]!, end: beacon[14]!, at: beacon[14]! + 2n * MIN, entities: [host(w), user(v), ip(c.c2Ip)], compromised: w.fqdn, computerId: w.agentId,
    },
    {
      story: 'local-admin-created', name: 'Suspicious account creation', severity: 'Medium', provider: 'MDATP',
      tactics: 'Persistence', techniques: '["T1136"]', description: `A local account, ${a.newName}, was created on ${a.host.name} by adm-${a.creator.sam}.`,
      start: a.created, end: a.created, at: a.created + 3n * MIN, entities: [host(a.host), local], compromised: a.host.fqdn, computerId: a.host.agentId,
    },
    {
      story: 'local-admin-created', name: 'User added to privileged group', severity: 'Medium', provider: 'ASI Scheduled Alerts',
      tactics: 'Persistence,PrivilegeEscalation', techniques: '["T1098","T1136"]', description: `Local account ${a.newName} was created and added to Administrators on ${a.host.name}.`,
      start: a.created, end: a.added, at: a.added + 6n * MIN, entities: [host(a.host), local], compromised: a.host.fqdn, computerId: a.host.agentId,
    },
    {
      story: 'security-log-cleared', name: 'Security event log cleared', severity: 'Medium', provider: 'ASI Scheduled Alerts',
      tactics: 'DefenseEvasion', techniques: '["T1070"]', description: `The Windows Security log was cleared on ${a.host.name} by ${a.host.name}\\${a.newName}.`,
      start: a.cleared, end: a.cleared, at: a.cleared + 4n * MIN, entities: [host(a.host), local], compromised: a.host.fqdn, computerId: a.host.agentId,
    },
  ];
}

export function alertRows(plan: StoryPlan): StoryRow[] {
  return storyAlerts(plan).map((al): StoryRow => {
    const sid = guidOf(`story:${plan.seed}:alert:${al.story}:${al.name}`);
    const entities = al.entities.map((e, k) => ({ $id: String(k + 2), ...e }));
    const scheduled = al.provider === 'ASI Scheduled Alerts';
    const cells: Record<string, Cell> = {
      TenantId: ORG.workspaceId, Type: 'SecurityAlert', _BilledSize: 5200, _IsBillable: 'True', _SubscriptionId: ORG.subscriptionId,
      TimeGenerated: { ns: al.at }, StartTime: { ns: al.start }, EndTime: { ns: al.end }, ProcessingEndTime: { ns: al.at + 45_000_000_000n },
      AlertName: al.name, DisplayName: al.name,
      AlertType: scheduled ? `${ORG.workspaceId}_${hexOf(al.name, 'md5')}` : al.name.replace(/ /g, ''),
      AlertSeverity: al.severity, Description: al.description,
      ProviderName: al.provider,
      ProductName: scheduled ? 'Azure Sentinel' : 'Microsoft Defender Advanced Threat Protection',
      ProductComponentName: scheduled ? 'Scheduled Alerts' : '',
      VendorName: 'Microsoft', VendorOriginalId: guidOf(`story:${plan.seed}:vendor:${al.story}:${al.name}`), SystemAlertId: sid,
      Status: 'New', ConfidenceLevel: 'Unknown', ConfidenceScore: null, IsIncident: false,
      Tactics: al.tactics, Techniques: al.techniques, SubTechniques: '',
      CompromisedEntity: al.compromised,
      Entities: JSON.stringify(entities),
      ExtendedProperties: '{"Query Period":"05:00:00","Trigger Operator":"GreaterThan","Trigger Threshold":"0","Search Query Results Overall Count":"1"}',
      RemediationSteps: '["Review the entities involved.","Reset credentials if compromise is confirmed."]',
      AlertLink: scheduled ? '' : `https://security.microsoft.com/alerts/da${sid.replace(/-/g, '')}`,
      WorkspaceSubscriptionId: ORG.subscriptionId, WorkspaceResourceGroup: 'lk-security', ResourceId: '', SourceComputerId: al.computerId,
    };
    return { table: 'SecurityAlert', story: 'alerts', cells };
  });
}
