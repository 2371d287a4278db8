/** Placeholder rows while the rules load. */
import { Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export function LoadingSkeleton({ label = 'Loading rules' }: { label?: string }) {
  const styles = useStyles();
  return (
    <Skeleton className={styles.root} aria-label={label} aria-busy="true">
      <SkeletonItem size={16} />
      <SkeletonItem size={32} />
      <SkeletonItem size={32} />
      <SkeletonItem size={32} />
    </Skeleton>
  );
}
