/** Starting points offered when there are no rules; each opens in the editor, unsaved. */
import type { Condition } from '../../shared/schema';
import type { PresetId } from '../../shared/colors';

export interface ExampleRule {
  name: string;
  when: Condition;
  category: string;
  color: PresetId;
}

export const EXAMPLE_RULES: ExampleRule[] = [
  { name: 'External meetings', when: { all: [{ field: 'hasExternalAttendees', op: 'is', value: true }] }, category: 'External', color: 'preset0' },
  { name: 'One-on-ones', when: { all: [{ field: 'isOneOnOne', op: 'is', value: true }] }, category: '1:1', color: 'preset4' },
  {
    name: 'Focus time',
    when: {
      all: [
        { field: 'subject', op: 'contains', value: 'focus' },
        { field: 'attendeeCount', op: 'eq', value: 0 },
      ],
    },
    category: 'Focus',
    color: 'preset7',
  },
];
