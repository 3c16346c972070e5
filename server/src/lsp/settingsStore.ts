/**
 * The settings in effect per workspace folder, pulled through `workspace/configuration` (or taken from
 * `workspace/didChangeConfiguration` for clients that only push them).
 */
import type { Connection, WorkspaceFolder } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, parseSettings, type Settings } from './settings';
import { isInside, pathKey, uriToPath } from './uris';

interface Folder {
  uri: string;
  path: string;
}

/** Settings per workspace folder, and for documents outside every folder. */
export class SettingsStore {
  private folders: Folder[] = [];
  private byFolder = new Map<string, Settings>();
  private global: Settings = { ...DEFAULT_SETTINGS };

  constructor(private readonly warn: (message: string) => void) {}

  /** Replaces the workspace folders. */
  setFolders(folders: WorkspaceFolder[] | null | undefined): void {
    this.folders = [];
    for (const folder of folders ?? []) {
      const file = uriToPath(folder.uri);
      if (file) this.folders.push({ uri: folder.uri, path: file });
    }
    // The innermost folder wins for nested folders.
    this.folders.sort((a, b) => b.path.length - a.path.length);
  }

  /** The workspace folders that are on disk. */
  folderPaths(): string[] {
    return this.folders.map((f) => f.path);
  }

  /** The workspace folder that holds `file`, if any. */
  folderOf(file: string | undefined): string | undefined {
    if (!file) return this.folders.length === 1 ? this.folders[0]?.path : undefined;
    return this.folders.find((f) => isInside(file, f.path))?.path;
  }

  /** The settings that apply to `file` (undefined for an unsaved buffer). */
  for(file: string | undefined): Settings {
    const folder = this.folderOf(file);
    return (folder && this.byFolder.get(pathKey(folder))) || this.global;
  }

  /** Pulls the settings for every folder and for the window from the client. */
  async pull(connection: Connection): Promise<void> {
    const items = [{ section: SETTINGS_SECTION }, ...this.folders.map((f) => ({ scopeUri: f.uri, section: SETTINGS_SECTION }))];
    const values = (await connection.workspace.getConfiguration(items)) as unknown[];
    this.global = this.parse(values[0]);
    const byFolder = new Map<string, Settings>();
    this.folders.forEach((folder, i) => byFolder.set(pathKey(folder.path), this.parse(values[i + 1])));
    this.byFolder = byFolder;
  }

  /** Takes settings pushed with `workspace/didChangeConfiguration` (clients without `workspace/configuration`). */
  accept(settings: unknown): void {
    const section = settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    this.global = this.parse(section);
    this.byFolder = new Map();
  }

  private parse(raw: unknown): Settings {
    const { settings, problems } = parseSettings(raw);
    for (const problem of problems) this.warn(problem);
    return settings;
  }
}
