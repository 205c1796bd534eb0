/**
 * parse_user_agent(): a compact rule table for the common agents, in the shape and naming of
 * the uap-core parser Kusto uses (Browser {Family, MajorVersion, MinorVersion, Patch},
 * OperatingSystem {+ PatchMinor}, Device {Family, Brand, Model}; missing parts are "",
 * anything not recognised is the family "Other").
 *
 * Rules are tried in order; the first match wins. Named groups: `a` major, `b` minor,
 * `c` patch, `d` patch-minor, `f` a family or model taken from the text. Covered: Chrome
 * (desktop, Android, iOS, WebView, headless), Edge (Chromium, legacy, mobile), Firefox
 * (desktop, Android, iOS), Safari (macOS, iOS, web views), IE/Trident, Opera, Samsung
 * Internet, Outlook 2013/2016, curl, Wget, python-requests and a few HTTP libraries,
 * Windows PowerShell, Googlebot/bingbot; Windows, Windows Phone, macOS, iOS, Android, Chrome
 * OS, Linux (Ubuntu, Fedora, Debian), Symbian; Apple, Samsung, Google Pixel and Nokia devices
 * (other Android devices get uap-core's generic fallback).
 */

interface Rule {
  readonly re: RegExp;
  /** the family; `$f` is replaced by the group `f` */
  readonly family: string;
  /** fixed versions (when the text's own numbers are not the version) */
  readonly version?: readonly string[];
}

type Groups = Record<string, string | undefined>;

const BROWSER: readonly Rule[] = [
  { re: /\b(?<f>Googlebot|bingbot)\/(?<a>\d+)\.(?<b>\d+)/, family: '$f' },
  { re: /\bWindowsPowerShell\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?/, family: 'WindowsPowerShell' },
  { re: /\bcurl\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?/, family: 'curl' },
  { re: /\bWget\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?/, family: 'Wget' },
  { re: /\bpython-requests\/(?<a>\d+)\.(?<b>\d+)/, family: 'Python Requests' },
  { re: /\b(?<f>Python-urllib|Go-http-client|okhttp)\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?/, family: '$f' },
  { re: /Microsoft Outlook 16\./, family: 'Outlook', version: ['2016'] },
  { re: /Microsoft Outlook 15\./, family: 'Outlook', version: ['2013'] },
  { re: /\bAdobeAIR\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?/, family: 'AdobeAIR' },
  { re: /\bBrowserNG\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?/, family: 'Nokia Browser' },
  { re: /Series60\/(?<a>\d+)\.(?<b>\d+).*AppleWebKit/, family: 'Nokia OSS Browser' },
  { re: /Mobile Safari.*\bOPR\/(?<a>\d+)\.(?<b>\d+)\.(?<c>\d+)/, family: 'Opera Mobile' },
  { re: /Chrome.*\bOPR\/(?<a>\d+)\.(?<b>\d+)\.(?<c>\d+)/, family: 'Opera' },
  { re: /\bOpera\/9\.80.*Version\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?/, family: 'Opera' },
  { re: /Windows Phone.*\bEdge\/(?<a>\d+)\.(?<b>\d+)/, family: 'Edge Mobile' },
  { re: /\bEdg(?:A|iOS)\/(?<a>\d+)\.(?<b>\d+)\.(?<c>\d+)/, family: 'Edge Mobile' },
  { re: /\bEdge\/(?<a>\d+)\.(?<b>\d+)/, family: 'Edge' },
  { re: /\bEdg\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?/, family: 'Edge' },
  { re: /\bSamsungBrowser\/(?<a>\d+)\.(?<b>\d+)/, family: 'Samsung Internet' },
  { re: /\bHeadlessChrome\/(?<a>\d+)\.(?<b>\d+)\.(?<c>\d+)/, family: 'HeadlessChrome' },
  { re: /\bCriOS\/(?<a>\d+)\.(?<b>\d+)\.(?<c>\d+)/, family: 'Chrome Mobile iOS' },
  { re: /; wv\).*\bChrome\/(?<a>\d+)\.(?<b>\d+)\.(?<c>\d+)/, family: 'Chrome Mobile WebView' },
  { re: /\bChrome\/(?<a>\d+)\.(?<b>\d+)\.(?<c>\d+)[\d.]* Mobile\b/, family: 'Chrome Mobile' },
  { re: /\bChrome\/(?<a>\d+)\.(?<b>\d+)\.(?<c>\d+)/, family: 'Chrome' },
  { re: /\bFxiOS\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?/, family: 'Firefox iOS' },
  { re: /(?:Mobile|Tablet);.*\bFirefox\/(?<a>\d+)\.(?<b>\d+)/, family: 'Firefox Mobile' },
  { re: /\bFirefox\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?/, family: 'Firefox' },
  { re: /\bIEMobile[ /](?<a>\d+)\.(?<b>\d+)/, family: 'IE Mobile' },
  { re: /\bTrident\/7\.0\b/, family: 'IE', version: ['11', '0'] },
  { re: /\bMSIE (?<a>\d+)\.(?<b>\d+)/, family: 'IE' },
  { re: /\bAndroid (?<a>\d+)(?:\.(?<b>\d+))?(?:\.(?<c>\d+))?;.*Version\/[\d.]+ (?:Mobile )?Safari/, family: 'Android' },
  { re: /\b(?:iPhone|iPad|iPod)\b.*Version\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?.*Safari\//, family: 'Mobile Safari' },
  { re: /\b(?:iPhone|iPad|iPod)\b.*AppleWebKit\/[\d.]+ \(KHTML, like Gecko\) Mobile\/\w+$/, family: 'Mobile Safari UI/WKWebView' },
  { re: /\bVersion\/(?<a>\d+)\.(?<b>\d+)(?:\.(?<c>\d+))?.*\bSafari\//, family: 'Safari' },
  { re: /AppleWebKit\/[\d.]+.*\bSafari\/\d/, family: 'Safari', version: [] },
];

const WINDOWS_NT: Record<string, readonly string[]> = {
  '10.0': ['10'], '6.3': ['8', '1'], '6.2': ['8'], '6.1': ['7'], '6.0': ['Vista'], '5.2': ['XP'], '5.1': ['XP'], '5.0': ['2000'],
};

const OS: readonly Rule[] = [
  { re: /\bWindows Phone(?: OS)? (?<a>\d+)\.(?<b>\d+)/, family: 'Windows Phone' },
  { re: /\bWindows NT 6\.2; ARM;/, family: 'Windows', version: ['RT'] },
  ...Object.entries(WINDOWS_NT).map(([nt, v]): Rule => ({ re: new RegExp(`\\bWindows NT ${nt.replace('.', '\\.')}\\b`), family: 'Windows', version: v })),
  { re: /\bWindows\b/, family: 'Windows', version: [] },
  { re: /\b(?:iPhone|iPad|iPod)\b.*? OS (?<a>\d+)_(?<b>\d+)(?:_(?<c>\d+))?/, family: 'iOS' },
  { re: /\bMac OS X (?<a>\d+)[_.](?<b>\d+)(?:[_.](?<c>\d+))?/, family: 'Mac OS X' },
  { re: /\bCrOS \S+ (?<a>\d+)\.(?<b>\d+)\.(?<c>\d+)/, family: 'Chrome OS' },
  { re: /\bAndroid[ /]?(?<a>\d+)(?:\.(?<b>\d+))?(?:\.(?<c>\d+))?/, family: 'Android' },
  { re: /\bSymbianOS\/(?<a>\d+)\.(?<b>\d+)/, family: 'Symbian OS' },
  { re: /\b(?<f>Ubuntu|Fedora|Debian)\b.*Linux|Linux.*\b(?<f2>Ubuntu|Fedora|Debian)\b/, family: '$f' },
  { re: /\bLinux\b/, family: 'Linux' },
];

interface DeviceRule {
  readonly re: RegExp;
  /** family, brand, model; `$f` is replaced by the group `f` */
  readonly out: readonly [string, string, string];
}

const DEVICE: readonly DeviceRule[] = [
  { re: /\b(?:Googlebot|bingbot|Python-urllib)\//, out: ['Spider', 'Spider', 'Desktop'] },
  { re: /\biPod\b/, out: ['iPod', 'Apple', 'iPod'] },
  { re: /\biPad\b/, out: ['iPad', 'Apple', 'iPad'] },
  { re: /\biPhone\b/, out: ['iPhone', 'Apple', 'iPhone'] },
  { re: /\bMacintosh\b/, out: ['Mac', 'Apple', 'Mac'] },
  { re: /\bLumia (?<f>\d+)/, out: ['Lumia $f', 'Nokia', 'Lumia $f'] },
  { re: /\bNokia(?<f>[A-Z]\d+)-(?<n>\d+)/, out: ['Nokia $f', 'Nokia', '$f-$n'] },
  { re: /\bSymbianOS\//, out: ['Generic Smartphone', 'Generic', 'Smartphone'] },
  { re: /; (?<f>SM-[A-Z0-9]+)[^;)]*\).*\bMobile\b/, out: ['Samsung $f', 'Samsung', '$f'] },
  { re: /; (?<f>Pixel[^;)]*?)(?: Build\/[^;)]*)?[;)]/, out: ['$f', 'Google', '$f'] },
  { re: /\bAndroid[^;]*; Mobile; rv:/, out: ['Generic Smartphone', 'Generic', 'Smartphone'] },
  { re: /\bAndroid[^;]*; Tablet; rv:/, out: ['Generic Tablet', 'Generic', 'Tablet'] },
  { re: /\bAndroid [\d.]+; (?<f>[^;]+?)(?: Build\/[^;)]*)?\) AppleWebKit\b.*\bMobile\b/, out: ['$f', 'Generic_Android', '$f'] },
  { re: /\bAndroid [\d.]+; (?<f>[^;]+?)(?: Build\/[^;)]*)?\) AppleWebKit\b/, out: ['$f', 'Generic_Android_Tablet', '$f'] },
];

function fill(template: string, g: Groups): string {
  return template.replace(/\$(\w+)/g, (_m, k: string) => g[k] ?? '');
}

function match(rules: readonly Rule[], ua: string): { family: string; v: string[] } {
  for (const r of rules) {
    const m = r.re.exec(ua);
    if (!m) continue;
    const g: Groups = { ...m.groups };
    g.f ??= g.f2;
    const v = r.version ? [...r.version] : [g.a, g.b, g.c, g.d].map((x) => x ?? '');
    return { family: fill(r.family, g), v };
  }
  return { family: 'Other', v: [] };
}

export function parseBrowser(ua: string): Record<string, string> {
  const { family, v } = match(BROWSER, ua);
  return { Family: family, MajorVersion: v[0] ?? '', MinorVersion: v[1] ?? '', Patch: v[2] ?? '' };
}

export function parseOs(ua: string): Record<string, string> {
  const { family, v } = match(OS, ua);
  return { Family: family, MajorVersion: v[0] ?? '', MinorVersion: v[1] ?? '', Patch: v[2] ?? '', PatchMinor: v[3] ?? '' };
}

export function parseDevice(ua: string): Record<string, string> {
  for (const r of DEVICE) {
    const m = r.re.exec(ua);
    if (!m) continue;
    const g: Groups = { ...m.groups };
    const [family, brand, model] = r.out.map((t) => fill(t, g)) as [string, string, string];
    return { Family: family, Brand: brand, Model: model };
  }
  return { Family: 'Other', Brand: '', Model: '' };
}

export type UaTarget = 'browser' | 'os' | 'device';
export const UA_TARGETS: readonly UaTarget[] = ['browser', 'os', 'device'];

/** Logs repeat a few agents many times: answers are remembered (bounded; cleared when full). */
const cache = new Map<string, string>();
const CACHE_MAX = 4096;

/** The JSON text of parse_user_agent(ua, targets) for a comma-separated list of targets. */
export function parseUserAgentToJson(ua: string, targets: string): string {
  const key = `${targets}\u0000${ua}`;
  let json = cache.get(key);
  if (json === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    json = parse(ua, targets);
    cache.set(key, json);
  }
  return json;
}

function parse(ua: string, targets: string): string {
  const out: Record<string, Record<string, string>> = {};
  for (const t of targets.split(',')) {
    if (t === 'browser') out.Browser = parseBrowser(ua);
    else if (t === 'os') out.OperatingSystem = parseOs(ua);
    else if (t === 'device') out.Device = parseDevice(ua);
  }
  return JSON.stringify(out);
}
