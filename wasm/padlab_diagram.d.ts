// Types of padlab_diagram.js: the diagrams alone, on the small diagram-only wasm module.
// The methods are the engine's (padlab.d.ts), with the same checks, results and errors.
import type { LoadOptions, Padlab } from './padlab.js';

export { PadlabError, version, vocabulary } from './padlab.js';

/** What loadDiagrams() resolves to: the engine's diagram methods and its version. */
export type Diagrams = Pick<Padlab, 'version' | 'diagram' | 'diagramStep' | 'diagramSvg' | 'diagramPicture' | 'diagramPresets'>;

/**
 * Loads the diagram-only module; one instance is created and cached per wasm URL.
 * wasmUrl defaults to './padlab_diagram.wasm', resolved against padlab_diagram.js's URL.
 */
export declare function loadDiagrams(options?: LoadOptions): Promise<Diagrams>;
