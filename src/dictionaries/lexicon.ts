// PLACEHOLDER (scaffolding): replaced by the event lexicon loader.
export interface Lexicon {
  rules: unknown[];
}

export function loadLexicon(): Lexicon {
  return { rules: [] };
}
