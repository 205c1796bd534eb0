/** Placeholder (the TEMPLATES helper replaces this): the templates gallery. */
export function TemplatesGallery({ workspace }: { workspace: string; onOpen: (contentsPath: string) => void }) {
  return <div className="placeholder">Templates for {workspace} (coming)</div>;
}
