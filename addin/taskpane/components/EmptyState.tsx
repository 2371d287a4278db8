/** No rules yet: a few example rules, each one click from the editor. */
import { Button, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { EXAMPLE_RULES, type ExampleRule } from '../example-rules';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
});

export function EmptyState({ onUseExample, onNewRule }: { onUseExample: (example: ExampleRule) => void; onNewRule: () => void }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="empty-heading">
      <Subtitle2 as="h2" id="empty-heading">
        No rules yet
      </Subtitle2>
      <Text>Rules give your events Outlook categories automatically. Start from an example:</Text>
      {EXAMPLE_RULES.map((example) => (
        <Button key={example.name} icon={<AddRegular />} onClick={() => onUseExample(example)}>
          {example.name}
        </Button>
      ))}
      <Button appearance="primary" onClick={onNewRule}>
        Write a rule from scratch
      </Button>
    </section>
  );
}
