// No vscode import: the unit tests read package.json's walkthrough through it.

export interface ManifestWalkthrough {
  id: string;
  steps: { id: string; completionEvents?: string[] }[];
}

/** The steps an `onContext:<key>` completion event completes, by key, as package.json declares them. */
export function stepsByContextKey(walkthrough: ManifestWalkthrough): Map<string, string[]> {
  const steps = new Map<string, string[]>();
  for (const step of walkthrough.steps) {
    for (const event of step.completionEvents ?? []) {
      const key = /^onContext:([\w.]+)$/.exec(event)?.[1];
      if (key) steps.set(key, [...(steps.get(key) ?? []), step.id]);
    }
  }
  return steps;
}
