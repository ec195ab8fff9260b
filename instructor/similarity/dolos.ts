/**
 * Dolos, the code-similarity engine behind `grade:batch --similarity`: its core
 * (`@dodona/dolos-core`: winnowed k-gram fingerprints, pairs, shared fragments, a template file
 * whose fingerprints are ignored) over a tree-sitter parse of TypeScript (the official grammar's
 * WebAssembly build, run by `web-tree-sitter`: no native code to compile).
 *
 * Installed apart from the course (`npm run grade:similarity-install` into ./similarity-engine/): with
 * every language's parser, `@dodona/dolos-lib` weighs over 400 MB, and each student runs
 * `npm ci` on the course. Nothing here is imported at type level, so the course type-checks
 * without it; the shapes below are the parts of the two packages' APIs that are used.
 *
 * Tokens follow Dolos's own code tokenizer (dolos-lib's CodeTokenizer): a pre-order walk of the
 * syntax tree writing "(", the node's type, then its named children, then ")" — no identifiers,
 * no literals, so renaming changes nothing — and comments left out. Each token maps to its
 * node's text up to the start of its first child, so shared fragments point at the lines they
 * cover. Dolos's defaults: k-grams of 23 tokens, a winnowing window of 17. On the similarity
 * test's submissions this gives the same similarities, to the last digit printed, as the whole
 * `@dodona/dolos-lib` 3.5.1 given the same files in the same order (Dolos's score of a pair
 * depends slightly on which file comes first when a template is ignored).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

export const ENGINE_DIR = path.join(__dirname, "engine");
export const INSTALL_COMMAND = "npm run grade:similarity-install";
export const KGRAM_LENGTH = 23;
export const KGRAMS_IN_WINDOW = 17;

/** 0-based rows and columns (end column exclusive), as tree-sitter and Dolos give them. */
export interface Region {
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
}

interface CoreFile {
  readonly path: string;
}
interface Fragment {
  leftkgrams: { from: number; to: number };
  leftSelection: Region;
  rightSelection: Region;
}
interface Pair {
  leftFile: CoreFile;
  rightFile: CoreFile;
  similarity: number;
  buildFragments(): Fragment[];
}
interface FingerprintIndex {
  addFiles(files: CoreFile[]): unknown;
  addIgnoredFile(file: CoreFile): void;
  allPairs(): Pair[];
}
interface DolosCore {
  File: new (path: string, content: string) => CoreFile;
  TokenizedFile: new (file: CoreFile, tokens: string[], mapping: Region[]) => CoreFile;
  Region: new (startRow: number, startCol: number, endRow: number, endCol: number) => Region;
  FingerprintIndex: new (kgramLength: number, kgramsInWindow: number) => FingerprintIndex;
}
interface SyntaxNode {
  type: string;
  startPosition: { row: number; column: number };
  endPosition: { row: number; column: number };
  namedChildren: (SyntaxNode | null)[];
}
interface Parser {
  setLanguage(language: unknown): unknown;
  parse(text: string): { rootNode: SyntaxNode; delete(): void } | null;
}
interface TreeSitter {
  Parser: { init(): Promise<void>; new (): Parser };
  Language: { load(file: string): Promise<unknown> };
}

/** A shared fragment: where it lies in each file, and its length in k-grams. */
export interface SharedFragment {
  a: Region;
  b: Region;
  kgrams: number;
}

/** Two files compared: `a` and `b` are the names given to `compare`. */
export interface ComparedPair {
  a: string;
  b: string;
  similarity: number;
  /** longest first */
  fragments: SharedFragment[];
}

export interface Engine {
  /** Every pair of `files` with a similarity of at least `minSimilarity` (fragments built for
   * those only); the fingerprints of `template`, when given, count for no pair. */
  compare(
    files: { name: string; text: string }[],
    template: string | null,
    minSimilarity: number,
  ): { pairs: ComparedPair[]; compared: number };
}

const PACKAGES = ["@dodona/dolos-core", "web-tree-sitter", "tree-sitter-typescript"];

/** Why the engine cannot be loaded from `dir` (with the command that fixes it), or null. */
export function engineMissing(dir = ENGINE_DIR): string | null {
  const wanted = (
    JSON.parse(fs.readFileSync(path.join(ENGINE_DIR, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    }
  ).dependencies;
  for (const name of PACKAGES) {
    const file = path.join(dir, "node_modules", name, "package.json");
    const version = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version
      : null;
    if (version !== wanted[name]) {
      const found = version ? `${name} ${version} is installed, ${wanted[name]} wanted` : null;
      return (
        `the similarity engine (Dolos) is not installed${found ? ` as it should be (${found})` : ""}: ` +
        `run \`${INSTALL_COMMAND}\` once (it installs about 50 MB into ` +
        `${path.relative(process.cwd(), dir) || "."}, for the instructor only)`
      );
    }
  }
  return null;
}

/** Dolos's token stream of `root`'s tree: tokens and the region each one stands for. */
function tokens(core: DolosCore, root: SyntaxNode): { tokens: string[]; mapping: Region[] } {
  const out: string[] = [];
  const mapping: Region[] = [];
  const visit = (node: SyntaxNode): void => {
    const start = node.startPosition;
    const region = new core.Region(
      start.row,
      start.column,
      node.endPosition.row,
      node.endPosition.column,
    );
    const kept = !node.type.includes("comment");
    if (kept) {
      out.push("(", node.type);
      mapping.push(region, region);
    }
    for (const child of node.namedChildren) {
      if (!child) continue;
      visit(child);
      // the node's own text ends where its first child starts (the children have theirs)
      const s = child.startPosition;
      if (s.row < region.endRow || (s.row === region.endRow && s.column < region.endCol)) {
        region.endRow = s.row;
        region.endCol = s.column;
      }
    }
    if (kept) {
      out.push(")");
      mapping.push(region);
    }
  };
  visit(root);
  return { tokens: out, mapping };
}

/** Load Dolos and the TypeScript grammar from `dir`; fails with the install command if absent. */
export async function loadEngine(dir = ENGINE_DIR): Promise<Engine> {
  const missing = engineMissing(dir);
  if (missing) throw new Error(missing);
  const load = createRequire(path.join(dir, "package.json"));
  const core = load("@dodona/dolos-core") as DolosCore;
  const treeSitter = load("web-tree-sitter") as TreeSitter;
  await treeSitter.Parser.init();
  const grammar = load.resolve("tree-sitter-typescript/tree-sitter-typescript.wasm");
  const parser = new treeSitter.Parser();
  parser.setLanguage(await treeSitter.Language.load(grammar));

  const tokenize = (name: string, text: string): CoreFile => {
    const file = new core.File(name, text);
    const tree = parser.parse(text);
    if (!tree) throw new Error(`${name}: tree-sitter could not parse the file`);
    try {
      const t = tokens(core, tree.rootNode);
      return new core.TokenizedFile(file, t.tokens, t.mapping);
    } finally {
      tree.delete();
    }
  };

  return {
    compare(files, template, minSimilarity) {
      const index = new core.FingerprintIndex(KGRAM_LENGTH, KGRAMS_IN_WINDOW);
      const tokenized = files.map((f) => tokenize(f.name, f.text));
      const names = new Map(tokenized.map((t, i) => [t, files[i].name]));
      index.addFiles(tokenized);
      if (template !== null) index.addIgnoredFile(tokenize("template", template));
      const all = files.length < 2 ? [] : index.allPairs();
      const pairs = all
        .filter((p) => p.similarity >= minSimilarity)
        .map((p) => {
          const fragments = p
            .buildFragments()
            .map((f) => ({
              a: f.leftSelection,
              b: f.rightSelection,
              kgrams: f.leftkgrams.to - f.leftkgrams.from,
            }))
            .sort((x, y) => y.kgrams - x.kgrams);
          return {
            a: names.get(p.leftFile) ?? p.leftFile.path,
            b: names.get(p.rightFile) ?? p.rightFile.path,
            similarity: p.similarity,
            fragments,
          };
        });
      return { pairs, compared: all.length };
    },
  };
}
