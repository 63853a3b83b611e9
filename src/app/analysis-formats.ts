/** The analysis export formats, apart from their (heavier) implementation in analysis.ts, so the CLI can list them cheaply. */
export const ANALYSIS_FORMATS = ['merged-jsonl', 'merged-csv', 'gdelt', 'graphml', 'gexf', 'timeline'] as const;
export type AnalysisFormat = (typeof ANALYSIS_FORMATS)[number];

export function isAnalysisFormat(f: string): f is AnalysisFormat {
  return (ANALYSIS_FORMATS as readonly string[]).includes(f);
}
