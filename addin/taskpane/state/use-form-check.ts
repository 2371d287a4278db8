/** The editor's validation, once the validator module has loaded (null until then, and with no form). */
import { useEffect, useMemo, useState } from 'react';
import type { RuleForm } from './rule-form';
import type { FormCheck } from './rule-form-check';

type Checker = (form: RuleForm) => FormCheck;

let loaded: Promise<Checker> | null = null;
export function loadFormChecker(): Promise<Checker> {
  // The .js suffix is what nodenext wants for import(); vite maps it to the .ts source.
  loaded ??= import('./rule-form-check.js').then((m) => m.checkForm);
  return loaded;
}

export function useFormCheck(form: RuleForm | null): FormCheck | null {
  const [checker, setChecker] = useState<Checker | null>(null);
  useEffect(() => {
    if (!form || checker) return;
    let live = true;
    void loadFormChecker().then((c) => live && setChecker(() => c));
    return () => {
      live = false;
    };
  }, [form, checker]);
  return useMemo(() => (form && checker ? checker(form) : null), [form, checker]);
}
