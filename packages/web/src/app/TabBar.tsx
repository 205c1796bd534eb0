/** The tabs: Notebooks | Logs | Templates. */
export type Tab = 'notebooks' | 'logs' | 'templates';

const TABS: { id: Tab; label: string }[] = [
  { id: 'notebooks', label: 'Notebooks' },
  { id: 'logs', label: 'Logs' },
  { id: 'templates', label: 'Templates' },
];

export function TabBar({ tab, onChange }: { tab: Tab; onChange: (t: Tab) => void }) {
  return (
    <nav className="tab-bar" role="tablist">
      {TABS.map((t) => (
        <button key={t.id} role="tab" data-testid={`tab-${t.id}`} aria-selected={tab === t.id}
          className={tab === t.id ? 'tab active' : 'tab'} onClick={() => onChange(t.id)}>{t.label}</button>
      ))}
    </nav>
  );
}
