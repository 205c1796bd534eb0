/**
 * Story rows in SigninLogs: the password spray from a foreign address (one
 * failure per account, then one success) and the impossible travel (an office
 * sign-in, then one from a distant country within the hour).
 */
import { guidOf, ORG, type Place, type User } from '../org.ts';
import type { Cell, StoryRow } from './cells.ts';
import type { StoryPlan } from './plan.ts';

const EXO = '00000002-0000-0ff1-ce00-000000000000';
const FAILED = 'Error validating credentials due to invalid username or password.';

interface SigninSpec {
  story: string;
  key: string;
  at: bigint;
  user: User;
  ip: string;
  place: Place;
  ok: boolean;
  attacker: boolean;
  asn: string;
  trusted: boolean;
}

function signin(plan: StoryPlan, s: SigninSpec): StoryRow {
  const gid = (k: string) => guidOf(`story:${plan.seed}:${s.key}:${k}`);
  const rt = s.ok ? '0' : '50126';
  const browser = s.attacker ? 'Python Requests 2.31' : 'Edge 131.0.0';
  const ua = s.attacker ? 'python-requests/2.31.0' : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
  const when = new Date(Number(s.at / 1_000_000n)).toISOString().slice(0, 19) + 'Z';
  const cells: Record<string, Cell> = {
    TenantId: ORG.workspaceId, Type: 'SigninLogs', _BilledSize: 6100, _IsBillable: 'True', _SubscriptionId: ORG.subscriptionId,
    TimeGenerated: { ns: s.at },
    CreatedDateTime: { ns: s.at - 2_500_000_000n },
    SourceSystem: 'Azure AD', OperationName: 'Sign-in activity', OperationVersion: '1.0', Category: 'SignInLogs', Level: '4',
    ResultType: rt,
    ResultSignature: s.ok ? 'SUCCESS' : 'FAILURE',
    ResultDescription: s.ok ? '' : FAILED,
    Identity: s.user.display, UserDisplayName: s.user.display,
    UserPrincipalName: s.user.upn, AlternateSignInName: s.user.upn, SignInIdentifier: s.user.upn,
    UserId: s.user.objectId, UserType: 'Member',
    AppDisplayName: 'Office 365 Exchange Online', AppId: EXO, ResourceDisplayName: 'Office 365 Exchange Online', ResourceIdentity: EXO,
    ClientAppUsed: s.attacker ? 'Other clients' : 'Browser',
    IPAddress: s.ip,
    AutonomousSystemNumber: s.asn,
    Location: s.place.country,
    LocationDetails: { json: { city: s.place.city, state: s.place.state, countryOrRegion: s.place.country, geoCoordinates: { latitude: s.place.lat, longitude: s.place.lon } } },
    DeviceDetail: { json: { deviceId: '', operatingSystem: s.attacker ? 'Linux' : 'Windows10', browser } },
    UserAgent: ua,
    Status: { json: s.ok ? { errorCode: 0 } : { errorCode: 50126, failureReason: FAILED } },
    ConditionalAccessStatus: 'notApplied',
    ConditionalAccessPolicies: { json: [] },
    AuthenticationRequirement: 'singleFactorAuthentication',
    AuthenticationDetails: `[{"authenticationStepDateTime":"${when}","authenticationMethod":"Password","succeeded":${s.ok}}]`,
    AuthenticationProtocol: s.attacker ? 'ropc' : 'none',
    IsInteractive: true,
    IsRisky: s.attacker && s.ok,
    FlaggedForReview: false,
    RiskLevelDuringSignIn: s.attacker ? 'medium' : 'none',
    RiskLevelAggregated: s.attacker && s.ok ? 'high' : 'none',
    RiskState: s.attacker && s.ok ? 'atRisk' : 'none',
    RiskDetail: 'none',
    RiskEventTypes: s.attacker ? '["unfamiliarFeatures"]' : '[]',
    RiskEventTypes_V2: s.attacker ? '["unfamiliarFeatures"]' : '[]',
    Id: gid('id'), CorrelationId: gid('corr'), OriginalRequestId: gid('id'),
    UniqueTokenIdentifier: Buffer.from(gid('tok').replace(/-/g, ''), 'hex').toString('base64url'),
    AADTenantId: ORG.tenantId, HomeTenantId: ORG.tenantId, ResourceTenantId: ORG.tenantId,
    ResourceId: `/tenants/${ORG.tenantId}/providers/Microsoft.aadiam`, ResourceGroup: 'Microsoft.aadiam', ResourceProvider: 'Microsoft.aadiam', Resource: 'Microsoft.aadiam',
    TokenIssuerType: 'AzureAD', TokenIssuerName: '', CrossTenantAccessType: 'none', DurationMs: 0, ProcessingTimeInMilliseconds: '112',
    NetworkLocationDetails: s.trusted ? '[{"networkType":"trustedNamedLocation","networkNames":["Larkspur offices"]}]' : '[]',
    AppliedEventListeners: { json: [] },
  };
  return { table: 'SigninLogs', story: s.story, cells };
}

export function identityRows(plan: StoryPlan): StoryRow[] {
  const out: StoryRow[] = [];
  const sp = plan.spray;
  const asn = String(sp.asn);
  sp.targets.forEach((u, k) => {
    out.push(signin(plan, { story: 'password-spray', key: `spray:${k}`, at: sp.failures[k]!, user: u, ip: sp.ip, place: sp.place, ok: false, attacker: true, asn, trusted: false }));
  });
  out.push(signin(plan, { story: 'password-spray', key: 'spray:ok', at: sp.success, user: plan.victim, ip: sp.ip, place: sp.place, ok: true, attacker: true, asn, trusted: false }));
  const tr = plan.travel;
  out.push(signin(plan, { story: 'impossible-travel', key: 'travel:1', at: tr.first, user: tr.user, ip: tr.home.egress, place: tr.home, ok: true, attacker: false, asn: '64500', trusted: true }));
  out.push(signin(plan, { story: 'impossible-travel', key: 'travel:2', at: tr.second, user: tr.user, ip: tr.foreignIp, place: tr.foreign, ok: true, attacker: false, asn: '64511', trusted: false }));
  return out;
}
