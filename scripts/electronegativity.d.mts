export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}

export interface Allowed {
  id: string;
  file: RegExp;
  why: string;
}

export const ALLOWED: Allowed[];
/** The tool's issues (severity and confidence as objects) as plain findings. */
export function toFindings(issues: unknown[]): Finding[];
/** HIGH/MEDIUM findings of FIRM/CERTAIN confidence that the allow-list does not cover. */
export function blockingFindings(findings: Finding[], allowed?: Allowed[]): Finding[];
/** Runs Electronegativity's offline checks on a folder; `root` is where it is installed. */
export function runElectronegativity(
  root: string,
  input: string,
): Promise<{ findings: Finding[]; errors: Array<{ file: string; message: string }> }>;
