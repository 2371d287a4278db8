/** Asks before a rule is deleted, saying what follows: the sync takes the rule's stamped category off events within seconds. */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { ApiRule } from '../../api/api-types';

export interface DeleteRuleDialogProps {
  rule: ApiRule | null;
  onConfirm: (rule: ApiRule) => void;
  onCancel: () => void;
}

export function DeleteRuleDialog({ rule, onConfirm, onCancel }: DeleteRuleDialogProps) {
  return (
    <Dialog open={rule !== null} onOpenChange={(_, d) => !d.open && onCancel()} modalType="alert">
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Delete “{rule?.name}”?</DialogTitle>
          <DialogContent>
            Within seconds CalSync removes “{rule?.then.category}” from the events this rule coloured in{' '}
            {rule?.scope === 'org' ? 'every enrolled mailbox' : 'your calendar'}, unless another rule still gives it. Categories people set themselves stay.
            This cannot be undone.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => rule && onConfirm(rule)}>
              Delete
            </Button>
            <Button onClick={onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
