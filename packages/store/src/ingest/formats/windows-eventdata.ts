/**
 * The EventData column of SecurityEvent: the event's data fields as the XML string Sentinel
 * stores, so that fields without a column of their own are not lost.
 */

const EVENT_NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const XML_NAME = /^[A-Za-z_][\w.-]*$/;

/** XML text escaping for element content and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Text of a JSON field value as Windows would have rendered it. */
export function fieldText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** `<EventData xmlns="..."><Data Name="X">v</Data>...</EventData>` for named data fields. */
export function eventDataXml(fields: Record<string, unknown>): string {
  const items = Object.entries(fields).map(([name, v]) => {
    const t = fieldText(v);
    return t === undefined ? `<Data Name="${xmlEscape(name)}" />` : `<Data Name="${xmlEscape(name)}">${xmlEscape(t)}</Data>`;
  });
  return `<EventData xmlns="${EVENT_NS}">${items.join('')}</EventData>`;
}

/**
 * `<UserData xmlns="..."><LogFileCleared><SubjectUserSid>...</SubjectUserSid>...</LogFileCleared></UserData>`
 * for events whose data is UserData (1102, ...); `wrapper` is the inner element's name.
 */
export function userDataXml(fields: Record<string, unknown>, wrapper: string | undefined): string {
  const el = wrapper !== undefined && XML_NAME.test(wrapper) ? wrapper : 'Data';
  const items = Object.entries(fields).map(([name, v]) => {
    const t = fieldText(v) ?? '';
    return XML_NAME.test(name) ? `<${name}>${xmlEscape(t)}</${name}>` : `<Data Name="${xmlEscape(name)}">${xmlEscape(t)}</Data>`;
  });
  return `<UserData xmlns="${EVENT_NS}"><${el}>${items.join('')}</${el}></UserData>`;
}
