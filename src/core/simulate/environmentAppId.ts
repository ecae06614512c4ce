/**
 * The app id to put in sample callbacks: the named environment's, else the only or first environment's, from the
 * raw `convapiLine.environments` setting (untrusted; entries without an app id are skipped).
 */
export function environmentAppId(rawEnvironments: unknown, activeName?: string): string | undefined {
  if (!Array.isArray(rawEnvironments)) return undefined;
  const usable = rawEnvironments.filter(
    (e): e is { name?: unknown; appId: string } => typeof e === 'object' && e !== null && typeof (e as { appId?: unknown }).appId === 'string' && (e as { appId: string }).appId.trim() !== '',
  );
  const chosen = usable.find((e) => activeName !== undefined && e.name === activeName) ?? usable[0];
  return chosen?.appId.trim();
}
