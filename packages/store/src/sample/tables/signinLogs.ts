import { jsonObj, TS, type Ctx, type TableGen } from '../context.ts';
import { HOSTILE, ORG, TRAVEL, type Place } from '../org.ts';
import { lit, makeDim } from '../sql.ts';
import { attackerIp, laCommon } from './common.ts';

const APPS: [string, string, string, number][] = [
  // display, app id, resource, weight
  ['Microsoft Teams', '1fec8e78-bce4-4aaf-ab1b-5451cc387264', 'Microsoft Teams Services', 26],
  ['Office 365 Exchange Online', '00000002-0000-0ff1-ce00-000000000000', 'Office 365 Exchange Online', 20],
  ['Office 365 SharePoint Online', '00000003-0000-0ff1-ce00-000000000000', 'Office 365 SharePoint Online', 14],
  ['Microsoft Office', 'd3590ed6-52b3-4102-aeff-aad2292ab01c', 'Microsoft Graph', 12],
  ['OneDrive SyncEngine', 'ab9b8c07-8f02-4f72-87fa-80105867a763', 'Office 365 SharePoint Online', 8],
  ['Windows Sign In', '38aa3b87-a06d-4817-b275-7a316988d93b', 'Windows Azure Active Directory', 8],
  ['My Apps', '2793995e-0a7d-40d7-bd35-6968ba142197', 'Microsoft Graph', 3],
  ['Azure Portal', 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', 'Windows Azure Service Management API', 3],
  ['Azure Virtual Desktop Client', 'a85cf173-4192-42f8-81fa-777a763e6e2c', 'Windows Virtual Desktop', 2],
  ['Visual Studio Code', 'aebc6443-996d-45c2-90f0-388ff96faa56', 'Microsoft Graph', 2],
  ['Salesforce', '5d3b4c2a-7e1f-4a90-8c6d-2b9e0f1a7c35', 'Salesforce', 2],
];

const RESULTS: Record<string, string> = {
  '0': '',
  '50126': 'Error validating credentials due to invalid username or password.',
  '50074': 'Strong Authentication is required.',
  '50140': 'This error occurred due to "Keep me signed in" interrupt when the user was signing in.',
  '50076': 'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.',
  '500121': 'Authentication failed during strong authentication request.',
  '53003': 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  '50055': 'The password is expired.',
  '50053': 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
  '50034': 'The user account does not exist in the directory.',
  '70044': 'The session has expired or is invalid due to sign-in frequency checks by conditional access.',
  '50173': 'The provided grant has expired due to it being revoked, a fresh auth token is needed.',
};

const placeRow = (p: Place) => ({ city: p.city, state: p.state, country: p.country, lat: p.lat, lon: p.lon });

export const signinLogs: TableGen = {
  name: 'SigninLogs',
  share: 5,
  build(ctx: Ctx, lo: number, hi: number, n: number) {
    const r = ctx.r;
    const apps = ctx.dim('si:apps', () => makeDim('ap', APPS.map(([d, id, res]) => ({ name: d, id, res })), APPS.map((a) => a[3]), 1000));
    const travel = ctx.dim('si:tr', () => makeDim('tr', TRAVEL.map(placeRow)));
    const hostile = ctx.dim('si:ho', () => makeDim('ho', HOSTILE.map(placeRow), HOSTILE.map((_, k) => 1 / (k + 1)), 1000));
    const pipe = ctx
      .base('office', lo, hi, n)
      .pick(ctx.users('u'), 'u')
      .pick(apps, 'ap')
      .pick(travel, 'tr')
      .pick(hostile, 'ho')
      .extend({
        atk: r.chance('atk', 0.018),
        trv: r.chance('trv', 0.05),
        home: r.chance('home', 0.3),
      })
      .join(ctx.hosts('w'), `CASE WHEN u_ws >= 0 THEN u_ws ELSE 0 END`)
      .extend({
        rt: `CASE WHEN atk THEN ${r.wpick('rt1', [['50126', 70], ['50053', 12], ['50034', 15], ['0', 0.6]])}
          ELSE ${r.wpick('rt2', [['0', 89.5], ['50074', 2.5], ['50140', 2.5], ['50126', 2], ['50076', 1], ['500121', 0.6], ['53003', 0.4], ['50055', 0.3], ['50053', 0.1], ['70044', 0.4], ['50173', 0.3]])} END`,
        cau: `CASE WHEN atk THEN ${r.wpick('ca1', [['Other clients', 40], ['IMAP4', 25], ['Authenticated SMTP', 15], ['Exchange ActiveSync', 10], ['Browser', 10]])}
          ELSE ${r.wpick('ca2', [['Browser', 52], ['Mobile Apps and Desktop clients', 45], ['Exchange ActiveSync', 3]])} END`,
        mob: r.chance('mob', 0.25),
        mfa: r.chance('mfa', 0.45),
      })
      .extend({
        ip: `CASE WHEN atk THEN ${attackerIp(r, 'aip')} WHEN trv THEN '198.51.100.' || (20 + tr_idx * 10 + ${r.m('tip', 10)})::VARCHAR
          WHEN home THEN (CASE WHEN ${r.chance('v6', 0.15)} THEN '2001:db8:' || format('{:x}', 4096 + u_gidx) || '::' || format('{:x}', ${r.m('v6b', 65535)}) ELSE '198.51.100.' || (120 + u_gidx % 120)::VARCHAR END)
          ELSE u_egress END`,
        city: `CASE WHEN atk THEN ho_city WHEN trv THEN tr_city ELSE u_city END`,
        st: `CASE WHEN atk THEN ho_state WHEN trv THEN tr_state ELSE u_state END`,
        cc: `CASE WHEN atk THEN ho_country WHEN trv THEN tr_country ELSE u_country END`,
        lat: `CASE WHEN atk THEN ho_lat WHEN trv THEN tr_lat ELSE u_lat END`,
        lon: `CASE WHEN atk THEN ho_lon WHEN trv THEN tr_lon ELSE u_lon END`,
        upn: `CASE WHEN atk AND rt <> '0' AND ${r.chance('badupn', 0.2)} THEN ${r.pick('bupn', ['admin', 'administrator', 'test', 'info', 'support', 'it', 'hr', 'sales'])} || '@${ORG.domain}' ELSE u_upn END`,
        appn: `CASE WHEN atk THEN 'Office 365 Exchange Online' ELSE ap_name END`,
      });
    const ok = `rt = '0'`;
    const os = `CASE WHEN atk THEN ${r.pick('aos', ['', 'Linux', 'Windows'])} WHEN mob THEN ${r.wpick('mos', [['Ios', 60], ['Android', 40]])} WHEN w_os LIKE 'Windows 11%' THEN 'Windows10' WHEN w_os LIKE 'Windows%' THEN 'Windows10' ELSE 'Windows10' END`;
    const browser = `CASE WHEN atk THEN ${r.pick('abr', ['Python Requests 2.31', 'IE 9.0', '', 'Chrome 87.0.4280'])} WHEN cau = 'Browser' THEN ${r.wpick('br', [['Edge 131.0.0', 55], ['Chrome 131.0.0', 35], ['Mobile Safari 17.6', 10]])} WHEN mob THEN 'Rich Client 4.62.0' ELSE 'Rich Client 16.0.17928' END`;
    const managed = `NOT atk AND NOT mob AND u_ws >= 0`;
    const ua = `CASE WHEN atk THEN ${r.pick('aua', ['python-requests/2.31.0', 'Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)', 'BAV2ROPC', 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.4266; Pro)'])}
      WHEN cau = 'Browser' THEN 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' || (CASE WHEN ${r.chance('edge', 0.6)} THEN ' Edg/131.0.0.0' ELSE '' END)
      WHEN mob THEN 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148'
      ELSE 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Microsoft Outlook/16.0' END`;
    const desc = `CASE rt ${Object.entries(RESULTS).map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`).join(' ')} ELSE '' END`;
    const cols: Record<string, string> = {
      ...laCommon('SigninLogs', `${r.int('size', 4500, 9000)}::DOUBLE`),
      TimeGenerated: TS('t_ns'),
      CreatedDateTime: TS('t_ns - 100 * ' + r.int('lag', 10000, 9000000)),
      SourceSystem: `'Azure AD'`,
      OperationName: `'Sign-in activity'`,
      OperationVersion: `'1.0'`,
      Category: `'SignInLogs'`,
      Level: `'4'`,
      ResultType: 'rt',
      ResultSignature: `CASE WHEN ${ok} THEN 'SUCCESS' ELSE 'FAILURE' END`,
      ResultDescription: desc,
      Identity: `CASE WHEN upn = u_upn THEN u_display ELSE '' END`,
      UserDisplayName: `CASE WHEN upn = u_upn THEN u_display ELSE '' END`,
      UserPrincipalName: 'upn',
      AlternateSignInName: 'upn',
      SignInIdentifier: 'upn',
      UserId: `CASE WHEN upn = u_upn THEN u_oid ELSE '00000000-0000-0000-0000-000000000000' END`,
      UserType: `'Member'`,
      AppDisplayName: 'appn',
      AppId: `CASE WHEN atk THEN '00000002-0000-0ff1-ce00-000000000000' ELSE ap_id END`,
      ResourceDisplayName: `CASE WHEN atk THEN 'Office 365 Exchange Online' ELSE ap_res END`,
      ResourceIdentity: `CASE WHEN atk THEN '00000002-0000-0ff1-ce00-000000000000' ELSE ap_id END`,
      ClientAppUsed: 'cau',
      IPAddress: 'ip',
      AutonomousSystemNumber: `CASE WHEN atk THEN (64496 + ${r.m('asn', 8)})::VARCHAR WHEN trv OR home THEN '64510' ELSE '64500' END`,
      Location: 'cc',
      LocationDetails: jsonObj([['city', 'city', 's'], ['state', 'st', 's'], ['countryOrRegion', 'cc', 's'], ['geoCoordinates', jsonObj([['latitude', 'lat', 'n'], ['longitude', 'lon', 'n']]), 'j']]),
      DeviceDetail: `CASE WHEN ${managed} THEN ${jsonObj([['deviceId', 'w_agent', 's'], ['displayName', 'w_name', 's'], ['operatingSystem', os, 's'], ['browser', browser, 's'], ['isCompliant', 'TRUE', 'b'], ['isManaged', 'TRUE', 'b'], ['trustType', `'Azure AD joined'`, 's']])}
        ELSE ${jsonObj([['deviceId', `''`, 's'], ['operatingSystem', os, 's'], ['browser', browser, 's']])} END`,
      UserAgent: ua,
      Status: `CASE WHEN ${ok} THEN '{"errorCode":0}' ELSE ${jsonObj([['errorCode', 'rt', 'n'], ['failureReason', desc, 's']])} END`,
      ConditionalAccessStatus: `CASE WHEN rt = '53003' THEN 'failure' WHEN atk OR NOT mfa THEN 'notApplied' ELSE 'success' END`,
      ConditionalAccessPolicies: `CASE WHEN atk THEN '[]' ELSE '[{"id":"6b0d9a5e-3f2c-4d71-9b8e-2c4a1f7e5d30","displayName":"Require MFA outside trusted locations","enforcedGrantControls":["Mfa"],"result":"' || (CASE WHEN rt = '53003' THEN 'failure' WHEN mfa THEN 'success' ELSE 'notApplied' END) || '"}]' END`,
      AuthenticationRequirement: `CASE WHEN mfa AND NOT atk THEN 'multiFactorAuthentication' ELSE 'singleFactorAuthentication' END`,
      MfaDetail: `CASE WHEN mfa AND NOT atk AND ${ok} THEN '{"authMethod":"' || ${r.wpick('mfam', [['Mobile app notification', 70], ['OATH verification code', 15], ['Text message', 10], ['Windows Hello for Business', 5]])} || '"}' ELSE NULL END`,
      AuthenticationDetails: `'[{"authenticationStepDateTime":"' || strftime(${TS('t_ns')}, '%Y-%m-%dT%H:%M:%SZ') || '","authenticationMethod":"Password","succeeded":' || (CASE WHEN rt IN ('0', '50074', '50076', '500121') THEN 'true' ELSE 'false' END) || '}]'`,
      AuthenticationProtocol: `CASE WHEN atk AND cau <> 'Browser' THEN 'ropc' ELSE 'none' END`,
      IsInteractive: 'TRUE',
      IsRisky: `atk AND ${ok}`,
      FlaggedForReview: 'FALSE',
      RiskLevelDuringSignIn: `CASE WHEN atk THEN ${r.pick('rl', ['medium', 'high', 'low'])} WHEN trv THEN ${r.wpick('rl2', [['none', 85], ['low', 15]])} ELSE 'none' END`,
      RiskLevelAggregated: `CASE WHEN atk AND ${ok} THEN 'high' ELSE 'none' END`,
      RiskState: `CASE WHEN atk AND ${ok} THEN 'atRisk' ELSE 'none' END`,
      RiskDetail: `'none'`,
      RiskEventTypes: `CASE WHEN atk THEN '["unfamiliarFeatures"]' ELSE '[]' END`,
      RiskEventTypes_V2: `CASE WHEN atk THEN '["unfamiliarFeatures"]' ELSE '[]' END`,
      Id: r.guid('id'),
      CorrelationId: r.guid('corr'),
      OriginalRequestId: r.guid('id'),
      UniqueTokenIdentifier: `rtrim(replace(replace(to_base64(unhex(format('{:016x}{:016x}', ${r.h('tok1')}, ${r.h('tok2')}))), '+', '-'), '/', '_'), '=')`,
      AADTenantId: lit(ORG.tenantId),
      HomeTenantId: lit(ORG.tenantId),
      ResourceTenantId: lit(ORG.tenantId),
      ResourceId: lit(`/tenants/${ORG.tenantId}/providers/Microsoft.aadiam`),
      ResourceGroup: `'Microsoft.aadiam'`,
      ResourceProvider: `'Microsoft.aadiam'`,
      Resource: `'Microsoft.aadiam'`,
      TokenIssuerType: `'AzureAD'`,
      TokenIssuerName: `''`,
      CrossTenantAccessType: `'none'`,
      DurationMs: '0',
      ProcessingTimeInMilliseconds: r.int('ptm', 40, 400) + '::VARCHAR',
      NetworkLocationDetails: `CASE WHEN ip = u_egress THEN '[{"networkType":"trustedNamedLocation","networkNames":["Larkspur offices"]}]' ELSE '[]' END`,
      AppliedEventListeners: `'[]'`,
    };
    return { pipe, cols };
  },
};
