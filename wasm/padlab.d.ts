// Types for padlab.js, PadLab's public ES module (hand-written: Emscripten 3.1.6 cannot emit them).

/** The PadLab version, e.g. "0.1.0". */
export declare const version: string;

/** What went wrong. The first five are the core's typed errors (core/errors.hpp). */
export type PadlabErrorKind =
  | 'ArgumentError'    // a bad argument or option (what Keras would reject with ValueError)
  | 'ShapeError'       // shapes that do not fit together
  | 'ParseError'       // model text that cannot be read
  | 'UnsupportedError' // a well-formed request PadLab does not model (e.g. an unknown layer class)
  | 'LimitError'       // above a resource cap (1 GiB per tensor, the 2 GiB wasm heap)
  | 'LoadError'        // load() could not fetch or instantiate the module
  | 'Error';           // anything else (including an internal error of the module)

/** Every error PadLab throws. `message` is the core's own text; location fields are null when unknown. */
export declare class PadlabError extends Error {
  constructor(message: string, fields?: { kind?: PadlabErrorKind; layer?: string | null; line?: number | null; column?: number | null; cause?: unknown });
  readonly name: 'PadlabError';
  readonly kind: PadlabErrorKind;
  /** The Keras layer name the error belongs to. */
  readonly layer: string | null;
  /** 1-based line / column in the model source. */
  readonly line: number | null;
  readonly column: number | null;
}

export interface LoadOptions {
  /** URL of padlab_core.wasm, resolved against padlab.js's URL. Default: './padlab_core.wasm'. */
  wasmUrl?: string | URL;
}

/** Loads the module; one instance (one wasm heap) is created and cached per wasm URL. */
export declare function load(options?: LoadOptions): Promise<Padlab>;

/** A dimension: a number, or null for Keras's None (the batch axis). */
export type Dim = number | null;

/** [before, after] cells added on one axis. */
export type PadPair = [number, number];

/** Padding modes; aliases: 'zeros' = constant, 'edge' = replicate, 'wrap' = circular (case-insensitive). */
export type PadMode = 'constant' | 'zeros' | 'reflect' | 'symmetric' | 'replicate' | 'edge' | 'circular' | 'wrap';

/** Tensor values, row-major. Float32Array is used as is; other arrays are converted. */
export type TensorData = Float32Array | ArrayLike<number>;

export interface Tensor {
  /** A fresh array owned by the caller (never a view into the wasm heap). */
  data: Float32Array;
  shape: number[];
}

export interface SummaryOptions {
  /** 'keras2' (default): model.summary() of Keras 2 / tf.keras; 'keras3': Keras 3's box table. */
  style?: 'keras2' | 'keras3';
  /** Keras 2 only. A (default): Keras <= 2.8, the classic format; B: tf.keras 2.9-2.12; C: 2.13-2.15. */
  era?: 'A' | 'B' | 'C';
  /** Keras 3 only: table width, at most 4096; default 76 (as printed in notebooks and CI). */
  lineLength?: number;
}

export interface LayerInfo {
  name: string;
  className: string;
  inputShape: Dim[];
  outputShape: Dim[];
  params: number;
  trainableParams: number;
  nonTrainableParams: number;
  /** Weight multiply-accumulates per sample (FLOPs = 2 x MACs). */
  macs: number;
  /** [before, after] per spatial axis for layers that pad or crop (crops are negative); null otherwise. */
  padding: Array<[Dim, Dim]> | null;
  /** Source line the layer came from; null when unknown. */
  line: number | null;
}

export interface ModelSummary {
  /** The summary exactly as Keras prints it. */
  text: string;
  name: string;
  inputShape: Dim[];
  layers: LayerInfo[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  totalMacs: number;
}

export interface PadOptions {
  mode?: PadMode;
  /** Fill value for constant mode; default 0. */
  value?: number;
}

export type ConvPadding = 'valid' | 'same' | 'causal' | 'full' | PadPair[];

export interface ConvOptions extends PadOptions {
  /** One value for every spatial axis, or one per axis; default 1. */
  strides?: number | number[];
  /** Dilation rate; one value or one per spatial axis; default 1. */
  dilation?: number | number[];
  /** Keras padding names, or explicit [before, after] per spatial axis. Default 'valid'. */
  padding?: ConvPadding;
  /** One value per output channel. */
  bias?: TensorData | null;
  activation?: 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | null;
}

export interface MemoryStats {
  /** Current size of the wasm memory. */
  heapBytes: number;
  /** Bytes malloc has handed out and not yet had back. */
  usedBytes: number;
  /** The cap the memory may grow to. */
  maxHeapBytes: number;
}

export interface Padlab {
  /** The version compiled into the wasm module (equals the exported `version`). */
  readonly version: string;

  /**
   * Imports a Sequential model and summarizes it. `source` is anything the CLI accepts:
   * Keras 2 model.to_json(), a Keras 3 config, a TF.js model.json (text or parsed object),
   * or Python code using the Sequential API.
   * @throws PadlabError (ParseError / UnsupportedError / ShapeError / ArgumentError / LimitError)
   */
  summary(source: string | object, options?: SummaryOptions): ModelSummary;

  /** Pads `data` (of `shape`) by one [before, after] pair per axis. */
  pad(data: TensorData, shape: number[], pads: PadPair[], options?: PadOptions): Tensor;

  /**
   * Convolution with Keras semantics (any of 1D/2D/3D): input [N, ...spatial, C] channels-last,
   * kernel [...k, C, filters] (Keras layout). Padding cells take values per `mode`.
   */
  conv(input: TensorData, inputShape: number[], kernel: TensorData, kernelShape: number[], options?: ConvOptions): Tensor;

  memoryStats(): MemoryStats;
}
