/** "Add a person": directory search for people (to enrol, by default); a full address typed and Enter takes it as it is. */
import { useCallback } from 'react';
import type { ApiDirectoryUser } from '../../../shared/api-types';
import type { SyncStatusApi } from '../../api/sync-status-api';
import { DirectorySearch } from './DirectorySearch';
import { syncCallErrorWords } from './sync-status-words';

export const personLabel = (p: ApiDirectoryUser) => `${p.displayName} <${p.address}>`;

export function PeoplePicker({
  api,
  onPick,
  onMessage,
  label = 'Add a person',
}: {
  api: Pick<SyncStatusApi, 'searchDirectory'>;
  onPick(address: string): void;
  onMessage(text: string): void;
  label?: string;
}) {
  const search = useCallback((text: string) => api.searchDirectory(text), [api]);
  return (
    <DirectorySearch<ApiDirectoryUser>
      label={label}
      hint="Search by name or address, or type a full address and press Enter."
      placeholder="Name or address"
      foundLabel="People found"
      search={search}
      keyOf={(p) => p.address}
      labelOf={personLabel}
      onPick={(p) => onPick(p.address)}
      onPickText={onPick}
      onMessage={onMessage}
      errorWords={syncCallErrorWords}
    />
  );
}
