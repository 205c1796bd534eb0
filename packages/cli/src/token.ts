/**
 * `huntbook token create [--name N] [--data-dir DIR]`: make an API token and print it alone
 * on the last line (scripts take the last line); `huntbook token list` shows names and dates
 * (never secrets); `huntbook token revoke ID|NAME` removes one.
 */
import { TokenStore } from '@huntbook/server';
import { parseArgs, UsageError } from './args.ts';
import { dataDir } from './workspace.ts';

export const TOKEN_USAGE = `  huntbook token create [--name N] [--data-dir DIR]
      Make an API token (printed alone on the last line; only its hash is stored).
  huntbook token list [--data-dir DIR]
  huntbook token revoke ID|NAME [--data-dir DIR]
`;

export async function token(argv: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, new Set(), new Set(['name', 'data-dir']));
  const dir = dataDir(args);
  if (sub === 'create') {
    if (args.positionals.length) throw new UsageError('token create takes no arguments (use --name)');
    const name = args.options.get('name');
    if (name === true || name === '') throw new UsageError('--name needs a value');
    const store = TokenStore.open(dir);
    try {
      const { token: secret, info } = store.create(name ?? 'token');
      out(`created token '${info.name}' (id ${info.id}) in ${dir}; it is shown once:`);
      out(secret);
    } finally {
      store.close();
    }
    return 0;
  }
  if (sub === 'list' || sub === 'revoke') {
    const store = TokenStore.open(dir);
    try {
      if (sub === 'list') {
        for (const t of store.list()) out(`${t.id}\t${t.name}\tcreated ${t.createdAt}\tlast used ${t.lastUsedAt ?? 'never'}`);
        return 0;
      }
      const which = args.positionals[0];
      if (which === undefined || args.positionals.length > 1) throw new UsageError('token revoke needs one token id or name');
      const n = store.revoke(which);
      if (n === 0) throw new Error(`no token with id or name '${which}' in ${dir}`);
      out(`revoked ${n} token${n === 1 ? '' : 's'}`);
      return 0;
    } finally {
      store.close();
    }
  }
  throw new UsageError(`token needs create, list or revoke${sub ? ` (not '${sub}')` : ''}`);
}
