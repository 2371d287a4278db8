/** The task pane: theme, tabs (Rules; Admin for admins), and the load-level states. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { FluentProvider, Title3, makeStyles, tokens, type Theme } from '@fluentui/react-components';
import { useRules } from '../state/use-rules';
import type { TaskpaneServices } from '../services';
import { describeError } from './describe-error';
import { ErrorBar } from './ErrorBar';
import { LoadingSkeleton } from './LoadingSkeleton';
import { RulesTab } from './RulesTab';
import { SignInContext } from './sign-in';
import type { Section } from './SectionTabs';

/** Admins only: the panel loads when the Admin tab opens, the tabs once the pane knows the user is an admin. */
const AdminPanel = lazy(() => import('./AdminPanel.js').then((m) => ({ default: m.AdminPanel })));
const SectionTabs = lazy(() => import('./SectionTabs.js').then((m) => ({ default: m.SectionTabs })));

const useStyles = makeStyles({
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
});

export interface AppProps {
  services: TaskpaneServices;
  theme: Theme;
  /** Subscribes to Outlook theme changes; the pane switches light/dark live. */
  watchTheme?: (onChange: (theme: Theme) => void) => void;
}

export function App({ services, theme: initialTheme, watchTheme }: AppProps) {
  const [theme, setTheme] = useState(initialTheme);
  useEffect(() => watchTheme?.(setTheme), [watchTheme]);
  return (
    <FluentProvider theme={theme}>
      <SignInContext.Provider value={services.signIn}>
        <TaskPane services={services} />
      </SignInContext.Provider>
    </FluentProvider>
  );
}

function TaskPane({ services }: { services: TaskpaneServices }) {
  const styles = useStyles();
  const rules = useRules(services);
  const [tab, setTab] = useState<Section>('rules');
  const { state } = rules;
  const isAdmin = state.me?.isAdmin === true;
  // The bench measures time to first render from this mark.
  useEffect(() => void performance.mark?.('calsync:first-render'), []);

  return (
    <main className={styles.main}>
      <Title3 as="h1">CalSync</Title3>
      {isAdmin && (
        <Suspense fallback={<LoadingSkeleton label="Loading sections" bars={[32]} />}>
          <SectionTabs selected={tab} onSelect={setTab} />
        </Suspense>
      )}
      {state.phase === 'loading' && <LoadingSkeleton />}
      {state.phase === 'failed' && <ErrorBar error={state.loadError} onRetry={() => void rules.load()} />}
      {state.phase === 'ready' && state.settings === null && (
        <ErrorBar
          title="Could not load settings"
          error={state.settingsError}
          message={`${describeError(state.settingsError)} Previews${isAdmin ? ', organisation rule changes and the Admin tab' : ''} wait until they load.`}
          onRetry={() => void rules.retrySettings()}
        />
      )}
      {state.phase === 'ready' &&
        (tab === 'admin' && isAdmin ? (
          state.settings && (
            <Suspense fallback={<LoadingSkeleton label="Loading settings" />}>
              <AdminPanel services={services} rules={rules} settings={state.settings} />
            </Suspense>
          )
        ) : (
          <RulesTab services={services} rules={rules} />
        ))}
    </main>
  );
}
