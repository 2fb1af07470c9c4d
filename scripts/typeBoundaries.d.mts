export interface Boundary {
  project: string;
  files: string[];
  nodeTypes: boolean;
}
export const boundaries: Boundary[];
export function checkBoundary(
  boundary: Boundary,
  extra?: { path: string; text: string },
): { problems: string[]; diagnostics: { code: number; text: string }[] };
