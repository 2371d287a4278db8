/** Asks before a rule is deleted; categories it already stamped stay on events. */
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
          <DialogContent>Events keep the categories this rule already gave them. This cannot be undone.</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => rule && onConfirm(rule)}>Delete</Button>
            <Button onClick={onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
