/** The content of kernel_info_reply: who this kernel is and the language of its cells. */
import { createRequire } from 'node:module';
import { PROTOCOL_VERSION } from './messages.ts';

const require = createRequire(import.meta.url);

function packageVersion(name: string, fallback: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return fallback;
  }
}

let cached: Record<string, unknown> | undefined;

export function kernelInfo(): Record<string, unknown> {
  if (cached) return cached;
  const version = (require('../../package.json') as { version: string }).version;
  const ts = packageVersion('typescript', '5');
  cached = {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'huntbook',
    implementation_version: version,
    language_info: {
      name: 'typescript',
      version: ts,
      mimetype: 'text/typescript',
      file_extension: '.ts',
      pygments_lexer: 'typescript',
      codemirror_mode: 'text/typescript',
    },
    banner: `Huntbook ${version}: TypeScript ${ts} on Node ${process.versions.node}, with KQL through %kql and %%kql`,
    help_links: [
      { text: 'KQL reference', url: 'https://learn.microsoft.com/kusto/query/' },
      { text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/' },
    ],
    debugger: false,
  };
  return cached;
}
