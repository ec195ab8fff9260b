/**
 * The student's exercise files in the browser: the site's copy of each file (exercises/*.ts,
 * listed in the page's `#live-files`), replaced by the student's edited version, which is kept
 * in localStorage under `optkit:<path>`.
 */
import type { SourceFiles } from "./protocol";

const KEY = "optkit:";

/** The exercise files the site has, e.g. "exercises/01-derivatives.ts". */
export function exercisePaths(): string[] {
  const el = document.getElementById("live-files");
  return el ? (JSON.parse(el.textContent ?? "[]") as string[]) : [];
}

/** The site's own copy of a file (the stub as released). */
export async function originalSource(path: string): Promise<string> {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.text();
}

export function savedSource(path: string): string | null {
  return localStorage.getItem(KEY + path);
}

export function saveSource(path: string, source: string): void {
  localStorage.setItem(KEY + path, source);
}

export function forgetSource(path: string): void {
  localStorage.removeItem(KEY + path);
}

/** Every exercise file as the student has it now. */
export async function exerciseSources(): Promise<SourceFiles> {
  const files: SourceFiles = {};
  await Promise.all(
    exercisePaths().map(async (p) => {
      files[p] = savedSource(p) ?? (await originalSource(p));
    }),
  );
  return files;
}
