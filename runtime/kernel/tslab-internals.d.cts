/** Types of tslab-internals.cjs (the course's one adapter for tslab's internals; see there). */
export interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string };
}

export interface CellRunner {
  /** Runs one cell; true when it succeeded. */
  execute(
    code: string,
    onStream: (name: string, chunk: string) => void,
    onDisplay: (msg: DisplayMessage, update: boolean) => void,
  ): Promise<boolean>;
  /** Stops tslab's file watchers. */
  close(): void;
}

export type TsLoader = (module: unknown, filename: string) => void;

export const TSLAB_VERSION: string;
export function checkTslabInternals(
  root: string,
  load?: (name: string) => unknown,
  ts?: unknown,
): string[];
export function createCellRunner(root: string): CellRunner;
export function getTsLoader(): TsLoader | undefined;
export function setTsLoader(loader: TsLoader | undefined): void;
export function patchFolderImports(root: string): void;
export function startKernel(root: string, connectionFile: string): void;
export function tslabModule(root: string, name: string): unknown;
export function tslabTypeScript(root: string): unknown;
