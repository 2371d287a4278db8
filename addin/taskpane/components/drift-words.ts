/** The colour drift in words: "Client (Orange): 2 mailboxes show it in Blue, 1 in Yellow; 1 has deleted it." */
import type { ApiCategoryDrift, ApiDriftReport } from '../../../shared/api-types';
import { colourName } from '../../../shared/outlook-words';

const mailboxes = (n: number) => (n === 1 ? '1 mailbox' : `${n} mailboxes`);

export function driftWords(d: ApiCategoryDrift): string {
  const parts: string[] = [];
  if (d.recoloured.length > 0) {
    const [first, ...rest] = d.recoloured;
    const shows = first!.mailboxes === 1 ? 'shows' : 'show';
    parts.push(
      [`${mailboxes(first!.mailboxes)} ${shows} it in ${colourName(first!.color)}`, ...rest.map((r) => `${r.mailboxes} in ${colourName(r.color)}`)].join(', '),
    );
  }
  if (d.missing > 0) parts.push(`${d.missing} ${d.missing === 1 ? 'has' : 'have'} deleted it`);
  return `${d.category} (${colourName(d.expected)}): ${parts.join('; ')}.`;
}

export function driftPolicyWords(report: ApiDriftReport): string {
  if (report.items.length === 0) {
    return report.checkedMailboxes === 0
      ? 'No mailbox has been checked yet.'
      : `All ${mailboxes(report.checkedMailboxes)} checked show the organisation's colours.`;
  }
  return report.policy === 'enforce'
    ? "CalSync sets these back to the organisation's colours at each mailbox's next daily check."
    : 'Left as people chose: the colour policy lets people keep their own colours. Switch on "Keep the organisation\'s colours" to set them back.';
}
