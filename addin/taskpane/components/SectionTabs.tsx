/** Rules | Admin: only admins see it, so it loads apart from the pane (App.tsx, lazy). */
import { Tab, TabList } from '@fluentui/react-components';

export type Section = 'rules' | 'admin';

export function SectionTabs({ selected, onSelect }: { selected: Section; onSelect: (section: Section) => void }) {
  return (
    <TabList selectedValue={selected} onTabSelect={(_, d) => onSelect(d.value as Section)} aria-label="Sections">
      <Tab value="rules">Rules</Tab>
      <Tab value="admin">Admin</Tab>
    </TabList>
  );
}
