/** Bounds on one rule document. They keep evaluation cheap and documents readable; the API enforces them too. */
export const RULE_LIMITS = {
  nameMaxLength: 120,
  categoryMaxLength: 255,
  textValueMaxLength: 1024,
  listValueMaxItems: 500,
  regexMaxLength: 500,
  maxDepth: 10,
  maxConditions: 200,
} as const;
