/// <reference lib="dom" />
/**
 * The grid's two ways out of the page: the clipboard (the async Clipboard API, or a hidden
 * textarea and execCommand where that API is missing, e.g. on plain http) and a file download
 * (a Blob behind an object URL that is revoked once the click is handled).
 */

export async function copyText(text: string): Promise<void> {
  if (globalThis.navigator?.clipboard && globalThis.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  try {
    area.select();
    if (!document.execCommand('copy')) throw new Error('the browser refused to copy (no clipboard access)');
  } finally {
    area.remove();
  }
}

export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
