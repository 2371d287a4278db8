/**
 * Placeholder bars while something loads: Fluent's stencil look (its stencil tokens, a sweep that stops under
 * reduced motion, system colours in forced-colours mode) in one makeStyles rule set. Fluent's Skeleton carries
 * ~3 KB gz more into the pane's first load, which has a 200 KB budget (npm run bench:addin); the markup is what
 * it renders too: an indeterminate progressbar, busy, with a label.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  bar: {
    borderRadius: tokens.borderRadiusMedium,
    backgroundImage: `linear-gradient(to right, ${tokens.colorNeutralStencil1} 0%, ${tokens.colorNeutralStencil2} 50%, ${tokens.colorNeutralStencil1} 100%)`,
    backgroundSize: '300% 100%',
    animationName: { from: { backgroundPositionX: '300%' }, to: { backgroundPositionX: '0%' } },
    animationDuration: '3s',
    animationTimingFunction: 'linear',
    animationIterationCount: 'infinite',
    '@media (prefers-reduced-motion: reduce)': { animationName: 'none', backgroundImage: 'none', backgroundColor: tokens.colorNeutralStencil1 },
    '@media (forced-colors: active)': { backgroundImage: 'none', backgroundColor: 'GrayText' },
  },
});

/** `bars`: each bar's height in px, top to bottom. */
export function LoadingSkeleton({ label = 'Loading rules', bars = [16, 32, 32, 32] }: { label?: string; bars?: number[] }) {
  const styles = useStyles();
  return (
    <div role="progressbar" aria-label={label} aria-busy="true" className={styles.root}>
      {bars.map((height, i) => (
        <div key={i} className={styles.bar} style={{ height }} />
      ))}
    </div>
  );
}
