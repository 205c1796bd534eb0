/// <reference lib="dom" />
/** Users/<me>/ of a workspace: the one home folder under Users/ that the caller may write. */
import { getContents, type ContentsModel } from '../api/contents.ts';

export async function myHome(workspace: string): Promise<string> {
  const users = await getContents(`${workspace}/Users`);
  const mine = (users.content as ContentsModel[]).find((m) => m.type === 'directory' && m.writable);
  if (!mine) throw new Error(`no folder of yours under ${workspace}/Users/ (you may only read this workspace)`);
  return mine.path;
}
