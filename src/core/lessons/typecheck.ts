/**
 * Type-checks every TypeScript block of every lesson in ONE TypeScript program: each block is
 * its own virtual module file, so lib and @types/node are read and checked once for all.
 */
import * as path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../paths';

/** What lesson blocks are checked against: strict, ES2022, Node's types, every file a module. */
export function blockCompilerOptions(root = projectRoot): ts.CompilerOptions {
  return {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    moduleDetection: ts.ModuleDetectionKind.Force,
    types: ['node'],
    typeRoots: [path.join(root, 'node_modules', '@types')],
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
  };
}

export interface BlockSource {
  /** A unique key for the block (used to name its virtual file). */
  key: string;
  code: string;
}

export interface BlockDiagnostic {
  /** 0-based line inside the block, or undefined for a diagnostic without a place. */
  line: number | undefined;
  column: number | undefined;
  code: number;
  message: string;
}

// Source files of lib and @types are parsed once per process and shared by every program.
const sharedFiles = new Map<string, ts.SourceFile>();

/** The virtual file a block is checked as: inside the project, so `node:` imports resolve. */
export function virtualFileName(key: string, root = projectRoot): string {
  const safe = key.replace(/[^A-Za-z0-9._-]+/g, '_');
  return path.join(root, '.lesson-blocks', `${safe}.ts`).split(path.sep).join('/');
}

/** Type errors per block key (an empty list for a block that type-checks). */
export function typecheckBlocks(blocks: BlockSource[], root = projectRoot): Map<string, BlockDiagnostic[]> {
  const options = blockCompilerOptions(root);
  const virtual = new Map<string, BlockSource>();
  for (const block of blocks) virtual.set(virtualFileName(block.key, root), block);

  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const block = virtual.get(fileName);
    if (block) return ts.createSourceFile(fileName, block.code, languageVersion, true, ts.ScriptKind.TS);
    const cacheKey = `${fileName}\0${typeof languageVersion === 'object' ? languageVersion.languageVersion : languageVersion}`;
    const cached = sharedFiles.get(cacheKey);
    if (cached) return cached;
    const file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (file) sharedFiles.set(cacheKey, file);
    return file;
  };
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists(fileName);
  host.readFile = (fileName) => virtual.get(fileName)?.code ?? readFile(fileName);

  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (global.length > 0) {
    throw new Error(`The lesson type checker is misconfigured: ${ts.flattenDiagnosticMessageText(global[0]!.messageText, ' ')}`);
  }

  const result = new Map<string, BlockDiagnostic[]>();
  for (const [fileName, block] of virtual) {
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) throw new Error(`The lesson type checker lost the block ${block.key}`);
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
      .filter((d) => d.category === ts.DiagnosticCategory.Error);
    result.set(
      block.key,
      diagnostics.map((d) => {
        const position = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        return {
          line: d.file === sourceFile ? position?.line : undefined,
          column: d.file === sourceFile && position ? position.character + 1 : undefined,
          code: d.code,
          message: ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' '),
        };
      }),
    );
  }
  return result;
}
