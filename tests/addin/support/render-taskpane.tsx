/** Renders the whole task pane over the Outlook mock and the fake Rules API, with the real adapters. */
import './jsdom-polyfills';
import { render } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { GraphCalendarSource } from '../../../addin/api/graph-calendar';
import type { FakeGraph } from './fake-graph';
import { App } from '../../../addin/taskpane/components/App';
import { connectApi, officeServices, type TokenSource } from '../../../addin/taskpane/services';
import { forgetGroupNames } from '../../../addin/taskpane/state/use-group-names';
import { FakeRulesServer, type FakeServerOptions } from './fake-rules-server';
import { installOutlookMock, type OutlookMockOptions } from './outlook-mock';

export interface RenderTaskpaneOptions {
  server?: FakeServerOptions;
  outlook?: Partial<OutlookMockOptions>;
  /** Runs before the first render, e.g. to make the API unreachable or fail a request. */
  beforeRender?: (server: FakeRulesServer) => void;
  /** Graph's calendarView answer for the "next 7 days" preview; absent, the pane has no calendar source. */
  graph?: FakeGraph;
  /**
   * Where API tokens come from (e.g. the real Account over a fake MSAL); default a fixed test token. A
   * function is called once the Outlook mock is installed, so the account can ask the host what it supports.
   */
  account?: TokenSource | (() => TokenSource);
}

export function renderTaskpane(options: RenderTaskpaneOptions = {}) {
  // A new pane knows no team names yet (they are remembered for the pane's life, across tests otherwise).
  forgetGroupNames();
  const outlook = installOutlookMock({ mode: 'read', ...options.outlook });
  const server = new FakeRulesServer(options.server);
  options.beforeRender?.(server);
  const account = typeof options.account === 'function' ? options.account() : options.account;
  const api = connectApi(account ?? { accessToken: async () => 'test-token' }, '', server.fetch);
  const graph = options.graph;
  const services = officeServices(
    api,
    graph
      ? (zone) =>
          new GraphCalendarSource(
            async () => 'graph-token',
            zone ?? 'UTC',
            graph.fetch,
            () => new Date('2026-03-01T00:00:00Z'),
          )
      : undefined,
    account,
  );
  const view = render(<App services={services} theme={webLightTheme} />);
  return { ...view, server, outlook, services };
}
