/** Why a rule-set version exists, in words (the Admin tab's Versions list and `calsync rules versions`). */
import type { ApiRuleVersionReason } from './api-types';

export function describeVersionReason(reason: ApiRuleVersionReason): string {
  switch (reason.kind) {
    case 'import':
      return `before ${reason.mode === 'merge' ? 'merging' : 'importing'} ${reason.fileName ? `“${reason.fileName}”` : 'a rules file'}`;
    case 'reorder':
      return 'before reordering';
    case 'restore':
      return 'before restoring an earlier version';
  }
}
