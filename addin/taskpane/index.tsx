/** Task pane entry: wait for Office, wire the account, API client and Office adapters, render. */
import { createRoot } from 'react-dom/client';
import { Account, supportsNestedAppAuth } from '../account/account';
import { CalSyncApiClient } from '../api/api-client';
import { GraphCalendarSource } from '../api/graph-calendar';
import { buildConfig } from '../config/build-config';
import { App } from './components/App';
import { onOfficeThemeChanged } from '../office/theme-events';
import { officeServices } from './services';
import { currentOfficeTheme, fluentThemeFor } from './theme';

void Office.onReady(() => {
  const config = buildConfig();
  const account = new Account(config, supportsNestedAppAuth());
  const api = new CalSyncApiClient({ baseUrl: config.apiBaseUrl, getAccessToken: () => account.accessToken() });
  const root = createRoot(document.getElementById('root')!);
  const calendar = (timeZone: string | undefined) => new GraphCalendarSource(() => account.graphToken(), timeZone ?? 'UTC');
  const watchTheme = (onChange: (theme: ReturnType<typeof fluentThemeFor>) => void) => void onOfficeThemeChanged((t) => onChange(fluentThemeFor(t)));
  root.render(<App services={officeServices(api, calendar)} theme={fluentThemeFor(currentOfficeTheme())} watchTheme={watchTheme} />);
});
