/** Task pane entry: wait for Office, wire the account, API client and Office adapters, render. */
import { createRoot } from 'react-dom/client';
import { Account, supportsNestedAppAuth } from '../account/account';
import { GraphCalendarSource } from '../api/graph-calendar';
import { buildConfig } from '../config/build-config';
import { App } from './components/App';
import { connectApi, officeServices } from './services';
import { currentOfficeTheme, fluentThemeFor, watchOfficeTheme } from './theme';

void Office.onReady(async () => {
  const config = buildConfig();
  const account = new Account(config, supportsNestedAppAuth());
  const api = connectApi(account, config.apiBaseUrl);
  const root = createRoot(document.getElementById('root')!);
  const calendar = (timeZone: string | undefined) => new GraphCalendarSource(() => account.graphToken(), timeZone ?? 'UTC');
  const theme = await fluentThemeFor(currentOfficeTheme());
  root.render(<App services={officeServices(api, calendar, account)} theme={theme} watchTheme={watchOfficeTheme} />);
});
