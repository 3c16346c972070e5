/**
 * Workspace trust. Source Check never executes workspace files, but fact files chosen by an untrusted
 * workspace could still mislead a writer, so in Restricted Mode only the bundled seed facts are used.
 * No `vscode` import: the logic is unit-tested outside the editor.
 */

/** Settings that name workspace files to read as facts or sources; mirrored in package.json `restrictedConfigurations`. */
export const RESTRICTED_SETTINGS = ['facts', 'sources'] as const;

/** The `initializationOptions` the server receives. */
export interface InitializationOptions {
  /**
   * False in Restricted Mode: the server must then load only the bundled seed facts, ignoring
   * `.sourcecheck.yaml` fact lists, `sourcecheck.facts` and `sourcecheck.sources`.
   */
  trusted: boolean;
}

/**
 * The answer to a `workspace/configuration` request with the restricted settings emptied, for an
 * untrusted workspace. `sections` are the requested items' sections (undefined asks for everything).
 */
export function restrictConfiguration(sections: ReadonlyArray<string | undefined>, values: readonly unknown[]): unknown[] {
  return values.map((value, index) => {
    const section = sections[index];
    if (section === undefined) return withRestricted(value, 'sourcecheck');
    if (section === 'sourcecheck') return withRestricted(value, undefined);
    if (RESTRICTED_SETTINGS.some((name) => section === `sourcecheck.${name}`)) return [];
    return value;
  });
}

/** `value` with the restricted settings emptied, at `value[key]` when a key is given. */
function withRestricted(value: unknown, key: string | undefined): unknown {
  if (!isRecord(value)) return value;
  if (key !== undefined) {
    return key in value ? { ...value, [key]: withRestricted(value[key], undefined) } : value;
  }
  const restricted: Record<string, unknown> = { ...value };
  for (const name of RESTRICTED_SETTINGS) restricted[name] = [];
  return restricted;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
