/** Driving the rule editor with fireEvent (no user-event here): pick, type, choose. */
import { fireEvent, screen, within } from '@testing-library/react';

export async function openNewRuleEditor(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: /New rule|Write a rule from scratch/ }));
  return screen.findByRole('form', { name: 'New rule' });
}

export function typeInto(field: HTMLElement, value: string): void {
  fireEvent.change(field, { target: { value } });
}

export function selectOption(select: HTMLElement, value: string): void {
  fireEvent.change(select, { target: { value } });
}

/** Fills name and category; the first condition's value is set with `conditionValue`. */
export function fillBasics(form: HTMLElement, values: { name: string; category: string; conditionValue?: string }): void {
  typeInto(within(form).getByRole('textbox', { name: /Rule name/ }), values.name);
  typeInto(within(form).getByRole('textbox', { name: /Category name/ }), values.category);
  if (values.conditionValue !== undefined) typeInto(within(form).getByRole('textbox', { name: 'Conditions, condition 1 value' }), values.conditionValue);
}

export async function saveRule(form: HTMLElement): Promise<void> {
  const save = within(form).getByRole('button', { name: 'Save rule' });
  await screen.findByRole('button', { name: 'Save rule' });
  fireEvent.click(save);
}
