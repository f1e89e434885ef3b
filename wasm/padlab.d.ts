// Types for padlab.js, PadLab's public ES module (hand-written: Emscripten 3.1.6 cannot emit them).

/** The PadLab version, e.g. "0.1.0". */
export declare const version: string;

/** What went wrong. The first six are the core's typed errors (core/base/errors.hpp). */
export type PadlabErrorKind =
  | 'ArgumentError'    // a bad argument or option (what Keras would reject with ValueError)
  | 'ShapeError'       // shapes that do not fit together
  | 'ParseError'       // model text that cannot be read
  | 'UnsupportedError' // a well-formed request PadLab does not model (e.g. a layer class it does not know)
  | 'NameError'        // a misspelt name close to a known one (Conv2d for Conv2D); the message says "Did you mean"
  | 'LimitError'       // above a resource cap (1 GiB per tensor, the 2 GiB wasm heap)
  | 'LoadError'        // load() could not fetch or instantiate the module
  | 'Error';           // anything else (including an internal error of the module)

/** Every error PadLab throws. `message` is the core's own text; location fields are null when unknown. */
export declare class PadlabError extends Error {
  constructor(message: string, fields?: { kind?: PadlabErrorKind; layer?: string | null; line?: number | null; column?: number | null; where?: string | null; cause?: unknown });
  readonly name: 'PadlabError';
  readonly kind: PadlabErrorKind;
  /** The Keras layer name the error belongs to. */
  readonly layer: string | null;
  /** 1-based line / column in the model source. */
  readonly line: number | null;
  readonly column: number | null;
  /** The core's text of the location, e.g. "line 3, column 5, layer 'conv2d_1'"; null when unknown. */
  readonly where: string | null;
}

// ---- vocabularies -----------------------------------------------------------------------------
// The names PadLab takes. Each union below spells the names of one core vocabulary
// (core/base/names.hpp) for the type checker; `vocabulary` holds them at run time, from the
// module itself, and a node test checks the two agree.

/** Canonical pad mode names (core/base/pad_mode.hpp). */
export type PadModeName = 'constant' | 'reflect' | 'symmetric' | 'replicate' | 'circular';
/** The aliases the core also accepts for them. */
export type PadModeAlias = 'zeros' | 'edge' | 'wrap';
/** Keras padding names (core/ops/conv_arithmetic.hpp). */
export type PaddingName = 'valid' | 'same' | 'causal' | 'full';
/** Window ops of a diagram (core/ops/conv_arithmetic.hpp). */
export type WindowOpName = 'conv' | 'pool' | 'transpose';
/** Activations the core computes (core/ops/activation.hpp). */
export type ActivationName = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'relu6' | 'leaky_relu' | 'elu' | 'selu'
  | 'celu' | 'gelu' | 'gelu_new' | 'silu' | 'hard_silu' | 'mish' | 'hard_sigmoid' | 'hardSigmoid'
  | 'log_sigmoid' | 'sparse_sigmoid' | 'softplus' | 'softsign' | 'sparse_plus' | 'squareplus'
  | 'exponential' | 'hard_tanh' | 'tanh_shrink' | 'hard_shrink' | 'soft_shrink' | 'log_softmax'
  | 'sparsemax';
/** Summary styles (core/summary/summary_style.hpp). */
export type SummaryStyleName = 'keras2' | 'keras3';
/** Keras 2 summary eras (core/summary/summary_style.hpp). */
export type Keras2EraName = 'A' | 'B' | 'C';

export interface VocabularyEntry<Name extends string = string> {
  readonly name: Name;
  /** Other spellings the core also accepts (e.g. 'zeros' for 'constant'). */
  readonly aliases: readonly string[];
  /** One line, as the CLI's help shows it. */
  readonly description: string;
}

export interface NameSet<Name extends string = string> {
  /** Canonical names, in the core's order; the first is the default. */
  readonly names: readonly Name[];
  readonly entries: readonly VocabularyEntry<Name>[];
  /** Whether the core accepts names and aliases in any case. */
  readonly ignoreCase: boolean;
}

/** The core's vocabularies, frozen; available without load(). */
export declare const vocabulary: {
  readonly padModes: NameSet<PadModeName>;
  readonly paddings: NameSet<PaddingName>;
  readonly windowOps: NameSet<WindowOpName>;
  readonly activations: NameSet<ActivationName>;
  readonly summaryStyles: NameSet<SummaryStyleName>;
  readonly keras2Eras: NameSet<Keras2EraName>;
};

export interface LoadOptions {
  /** URL of padlab_core.wasm, resolved against padlab.js's URL. Default: './padlab_core.wasm'. */
  wasmUrl?: string | URL;
}

/**
 * The summary style a file's Keras version prints: "3.x" -> { style: 'keras3' }; "2.x" ->
 * { style: 'keras2', era } (A: <= 2.6, B: 2.7-2.12, C: >= 2.13); unknown -> {}.
 */
export declare function styleDefaults(kerasVersion: string | null | undefined): { style?: SummaryStyleName; era?: Keras2EraName };

/** Loads the module; one instance (one wasm heap) is created and cached per wasm URL. */
export declare function load(options?: LoadOptions): Promise<Padlab>;

/** A dimension: a number, or null for Keras's None (the batch axis). */
export type Dim = number | null;

/** [before, after] cells added on one axis. */
export type PadPair = [number, number];

/** Padding modes; aliases: 'zeros' = constant, 'edge' = replicate, 'wrap' = circular (case-insensitive). */
export type PadMode = PadModeName | PadModeAlias;

/** Tensor values, row-major. Float32Array is used as is; other arrays are converted. */
export type TensorData = Float32Array | ArrayLike<number>;

export interface Tensor {
  /** A fresh array owned by the caller (never a view into the wasm heap). */
  data: Float32Array;
  shape: number[];
}

export interface SummaryOptions {
  /** 'keras2' (default): model.summary() of Keras 2 / tf.keras; 'keras3': Keras 3's box table. */
  style?: SummaryStyleName;
  /** Keras 2 only. A (default): Keras <= 2.6, the classic format; B: tf.keras 2.7-2.12; C: 2.13-2.15 and tf-keras. */
  era?: Keras2EraName;
  /** Keras 3 only: table width, at most 4096; default 76 (as printed in notebooks and CI). */
  lineLength?: number;
  /** model.summary(show_trainable=True): a Trainable column (Keras 2 eras B, C; Keras 3). */
  showTrainable?: boolean;
  /** model.summary(expand_nested=True): nested models' layers under their row (eras B, C; Keras 3). */
  expandNested?: boolean;
  /** PadLab's addition: a receptiveField record on every layer (Keras's text is unchanged). */
  receptiveField?: boolean;
}

/**
 * A layer's receptive field per spatial axis, in the input's axis order (Araujo et al., Distill
 * 2019): output i is computed from `size` input positions centred at i*stride - padding + (size-1)/2.
 */
export interface ReceptiveField {
  size: number[];
  /** The jump: input positions between neighbouring outputs (a fraction after UpSampling). */
  stride: number[];
  /** Effective padding; negative after Cropping. */
  padding: number[];
  /** Merges: every path has the same stride and centre (else the largest field is given). */
  aligned: boolean;
  /** Output positions that read at least one padded value, through every layer before. */
  borderAffected: number[];
  /** ... of them at the start of the axis. */
  borderBefore: number[];
  /** The share of all output positions that read padding. */
  borderFraction: number;
  /** Positions of this layer's padded input that no window reads (conv, pooling). */
  unread: number[];
  /** ... of them after the last position read. */
  unreadEnd: number[];
  /** 'same' with an odd total padding: the side that got the extra cell. */
  extraCell: Array<'after' | 'before' | null>;
}

/** A saved model file: its bytes, or a Blob / File (read in pieces, not copied whole where possible). */
export type SavedFileInput = Uint8Array | ArrayBuffer | Blob;

export interface ReadModelOptions {
  /** The file's name, for messages and for the result (default: the File's name, else ''). Never decides the kind. */
  filename?: string;
  /** A TF.js model.json's weight shards by file name (as its weightsManifest lists them), or the Files themselves. */
  sideFiles?: Record<string, SavedFileInput> | File[];
  /** readModel only: also read the stored weights (default false: the config only). */
  weights?: boolean;
}

export interface SavedModelInfo {
  /** 'keras' (.keras zip), 'h5' (legacy HDF5), 'tfjs' (model.json), 'json' (Keras JSON), 'python' (source code). */
  format: 'keras' | 'h5' | 'tfjs' | 'json' | 'python';
  filename: string;
  /** As the file stores it ("3.3.3", "2.15.0"); '' when it has none. */
  kerasVersion: string;
  /** "tensorflow", "jax", ...; '' when none. */
  backend: string;
  /** The model config the importer reads (parsed JSON); null for Python source. */
  config: object | null;
  /** The same as text: what summary() and forward() take. */
  source: string;
  /** Whether the file holds weights (a .keras model.weights.h5, an .h5 model_weights group, TF.js shards given). */
  hasWeights: boolean;
  /** Weight arrays and layers read (0 unless options.weights). */
  weightArrays: number;
  weightLayers: number;
  /** With options.weights: the stored arrays in Keras's order, fresh copies owned by the caller (what forward() takes). */
  weights?: ModelWeight[];
}

export interface LayerInfo {
  name: string;
  className: string;
  inputShape: Dim[];
  /** A layer with several outputs (graph models): one shape per output. */
  outputShape: Dim[] | Dim[][];
  params: number;
  trainableParams: number;
  nonTrainableParams: number;
  /** Weight multiply-accumulates per sample (FLOPs = 2 x MACs). */
  macs: number;
  /** [before, after] per spatial axis for layers that pad or crop (crops are negative); null otherwise. */
  padding: Array<[Dim, Dim]> | null;
  /** With summary(..., { receptiveField: true }): the layer's field; null where the spatial mapping ends (Flatten, global pooling, Dense on rank 2). */
  receptiveField?: ReceptiveField | null;
  /** Source line the layer came from; null when unknown. */
  line: number | null;
  /** Graph models only: an InputLayer row. */
  isInput?: boolean;
  /**
   * Graph models only: a shared layer whose calls' output shapes differ (Keras 2 prints
   * "multiple"); outputShape then holds its last call's shape, as Keras 3 prints it.
   */
  multipleShapes?: boolean;
  /** Graph models only: the tensors the layer's calls read, as Keras prints them: "conv2d[0][0]". */
  connectedTo?: string[];
}

export interface ModelSummary {
  /** The summary exactly as Keras prints it. */
  text: string;
  /** What the importer accepted but did not do, e.g. "ResNet50(weights='imagenet'): the ImageNet weights are not loaded; ...". */
  notes: string[];
  /**
   * With summary(..., { receptiveField: true }): the receptive-field table `padlab summary
   * --receptive-field` prints after Keras's text (RF, jump, padding, border-affected share,
   * unread positions per layer), from the same analysis as each layer's receptiveField.
   */
  receptiveFieldText?: string;
  name: string;
  /** A Functional (graph) model: its rows include the InputLayers and their connections. */
  graph: boolean;
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

export type ConvPadding = PaddingName | PadPair[];

export interface ConvOptions extends PadOptions {
  /** One value for every spatial axis, or one per axis; default 1. */
  strides?: number | number[];
  /** Dilation rate; one value or one per spatial axis; default 1. */
  dilation?: number | number[];
  /** Keras padding names, or explicit [before, after] per spatial axis. Default 'valid'. */
  padding?: ConvPadding;
  /** One value per output channel. */
  bias?: TensorData | null;
  activation?: ActivationName | 'None' | null;
}

export interface ForwardOptions {
  /** Selects the weights: an integer in [0, 2^32); default 1. */
  seed?: number;
  /** The sample, row-major, without the batch axis (e.g. 784 values for (28, 28, 1)). Default:
   *  uniform [0, 1) values drawn from the seed. */
  input?: TensorData | null;
  /** Called after each layer, inside the call (e.g. to post progress from a Web Worker). An
   *  exception it throws is rethrown by forward() once the pass has finished. It may call
   *  every other function, but forward() and modelWeights() throw an ArgumentError there. */
  onLayer?: ((layer: ForwardLayer, index: number) => void) | null;
  /** A saved file's weights instead of the seeded ones: the `weights` of readModel(file, { weights: true }).
   *  Matched by layer name; a layer the list has no (or wrongly shaped) arrays for is an
   *  ArgumentError naming it. Read (copied into the module) when the network is built; the list
   *  stays the caller's, and the built network is reused for the same list object. */
  weights?: ModelWeight[] | null;
}

export interface ForwardLayer {
  name: string;
  className: string;
  /** With the batch axis (1). */
  outputShape: number[];
  /** Weight multiply-accumulates of this layer (FLOPs = 2 x MACs). */
  macs: number;
  /** Wall time of this layer in the WebAssembly core, in milliseconds. */
  ms: number;
}

export interface ForwardResult {
  /** With the batch axis: [1, ...]. */
  inputShape: number[];
  outputShape: number[];
  /** A fresh array owned by the caller. */
  output: Float32Array;
  layers: ForwardLayer[];
  /** The whole pass in the core, in milliseconds. */
  totalMs: number;
  /** True when the weights came from options.weights (a saved file), false for the seeded ones. */
  storedWeights: boolean;
}

export interface ModelWeight {
  /** Keras layer name. */
  layer: string;
  /** 'kernel' | 'depthwise_kernel' | 'bias' | 'gamma' | 'beta' | 'moving_mean' | 'moving_variance' */
  name: string;
  shape: number[];
  /** A fresh copy owned by the caller. */
  data: Float32Array;
}

// ---- diagrams ---------------------------------------------------------------------------------

/** Keras padding names, or explicit [before, after] per spatial axis (negative amounts crop). */
export type DiagramPadding = PaddingName | PadPair[];

/**
 * What a padding / convolution diagram shows. Lengths and sizes take one number (every axis)
 * or one per spatial axis (1 to 3 axes).
 */
export interface DiagramSpec {
  /** Spatial input length(s), e.g. 8 or [28, 28]. Required. */
  input: number | number[];
  /** Kernel / pool size. Absent or [] = padding only (ZeroPadding, Cropping: explicit padding). */
  kernel?: number | number[];
  /** Default 1 (pooling: the pool size, as Keras). */
  strides?: number | number[];
  /** Default 1. */
  dilation?: number | number[];
  /** Default 'valid'. */
  padding?: DiagramPadding;
  /** What padded cells hold; default 'constant' (zeros). */
  mode?: PadMode;
  /** The constant for mode 'constant'; default 0. */
  value?: number;
  /** 'conv' (default), 'pool' (max / average pooling) or 'transpose' (Conv*Transpose). */
  op?: WindowOpName;
  /** Conv*Transpose only. */
  outputPadding?: number | number[] | null;
  /** Input values, row-major; default 1, 2, ..., n. */
  values?: ArrayLike<number> | null;
  /** Title drawn on the picture (plain text; escaped). */
  label?: string;
}

/** A spec as the engine returns it (presets, layers, geometry.spec): every field filled in. */
export interface NormalizedDiagramSpec {
  input: number[];
  /** [] = padding only. */
  kernel: number[];
  strides: number[];
  dilation: number[];
  padding: DiagramPadding;
  mode: PadModeName;
  value: number;
  op: WindowOpName;
  outputPadding: number[] | null;
  values: number[] | null;
  label: string;
}

/** The arithmetic of one spatial axis (core/conv_arithmetic.hpp). */
export interface DiagramAxis {
  input: number;
  kernel: number;
  stride: number;
  dilation: number;
  /** dilation * (kernel - 1) + 1 */
  effectiveKernel: number;
  /** Padding drawn before / after (negative: cropped). */
  padBefore: number;
  padAfter: number;
  output: number;
}

/** One cell of the padded grid. */
export interface DiagramCell {
  /** Coordinates in the padded grid. */
  pos: number[];
  /** input: an input value; pad: a padding cell; gap: a zero a transposed conv's stride inserts; cropped: removed by Cropping. */
  kind: 'input' | 'pad' | 'gap' | 'cropped';
  /** Input coordinates the value comes from (mirrored / replicated / wrapped padding too); null for constants and gaps. */
  source: number[] | null;
  value: number;
  /** false when no window ever covers the cell (the tail a stride skips). */
  read: boolean;
}

/** One step of the sliding window. Steps are row-major over the output. */
export interface DiagramStep {
  index: number;
  /** The output cell this step writes. */
  output: number[];
  /** Padded coordinates of the window's first tap. */
  origin: number[];
  /** Padded coordinates of every tap (kernel row-major): the receptive field of `output`. */
  window: number[][];
}

export interface DiagramGeometry {
  spec: NormalizedDiagramSpec;
  axes: DiagramAxis[];
  /** Shape of the padded grid the window slides over. */
  grid: number[];
  /** Grid position of input index 0, per axis. */
  offset: number[];
  /** Window step in grid cells (1 for transposed convolutions, whose stride shows as gaps). */
  gridStride: number[];
  output: number[];
  /** 0 for padding-only diagrams. */
  stepCount: number;
  cellCount: number;
  /** Pooling with constant padding: padded cells never win. */
  padsIgnored: boolean;
  /** e.g. "out = ⌈(8 + 3 + 0 − 4 + 1) / 1⌉ = 8"; several axes are joined by "; ". */
  formula: string;
  /** One-line explanations (the padding split, causality, the mode...). */
  notes: string[];
  /** Per axis, per grid position: covered by some window. */
  readMask: boolean[][];
  /** The region `cells` covers ([lo, hi) per axis), or null. */
  view: Array<[number, number]> | null;
  /** Cells of `view`, row-major; null when not asked for and the grid has more than 65536 cells. */
  cells: DiagramCell[] | null;
  /** Steps asked for; by default all of them when they read at most 65536 cells in total, else null. */
  steps: DiagramStep[] | null;
}

export interface DiagramOptions {
  /** Region [[lo, hi), ...] of the padded grid whose cells to list (at most 65536 cells). */
  view?: Array<[number, number]> | null;
  /** true: every step; false: none; [from, to): a range (at most 65536 taps in total). */
  steps?: boolean | [number, number] | null;
}

export interface DiagramSvgOptions {
  /** 0-based step of a static picture (default 0). */
  step?: number;
  /** The self-contained CSS animation instead (plays in an <img>; still under prefers-reduced-motion). */
  animate?: boolean;
  /** Cell size in px; 0 = automatic. */
  cell?: number;
  /** Cells shown per axis (default 16; a 1D row 1.5x); larger grids are cropped around the step, saying so. */
  maxCells?: number;
  /** 3D: depth slices shown (default 5). */
  maxSlices?: number;
  /** Animation: steps played (default 48). */
  maxFrames?: number;
  /** Animation: seconds per step (default 0.8) and on the finished output (default 1.6). */
  stepSeconds?: number;
  holdSeconds?: number;
  /** Draw values in cells (default true) / where copied padding comes from (default true). */
  values?: boolean;
  sources?: boolean;
  /** Replaces the automatic title. */
  title?: string;
  /** Prefix of every id, class and keyframes name (default 'pl'): give each SVG inlined in one HTML page its own. */
  idPrefix?: string;
  /**
   * 'auto' (default): a <style> with the light palette and the dark one under prefers-color-scheme.
   * 'light' | 'dark': a static step carries its colours as attributes and has no <style>
   * (inline it under a CSP without 'unsafe-inline'); the animation uses that palette only.
   */
  theme?: 'auto' | 'light' | 'dark';
  /** Static step: mark the receptive field of this step's output (as on hover). null = none. */
  highlight?: number | null;
  /** Static step: the first cell per axis of the previous view (DiagramPicture.view), kept while the step fits in it. */
  viewHint?: number[] | null;
  outputViewHint?: number[] | null;
}

/** One static step as the page shows it (diagramPicture). */
export interface DiagramPicture {
  /** The SVG text: the same bytes diagramSvg gives for these options. */
  svg: string;
  /** Region of the padded grid drawn, [lo, hi) per axis; and of the output ([] without output). */
  view: Array<[number, number]>;
  outputView: Array<[number, number]>;
  /** What the step reads ("y4 reads 1 padding + x0 … x2"); '' for a padding-only diagram. */
  reads: string;
  /** What the highlighted output reads; '' without a highlight. */
  highlightReads: string;
}

export interface DiagramPreset {
  /** snake_case, stable: causal_time_series, reflection_2d, valid_28x28, same_28x28, ... */
  name: string;
  /** One sentence: what the picture teaches. */
  summary: string;
  spec: NormalizedDiagramSpec;
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
  /**
   * The summary of a saved model file's bytes (see readModel): async, because the zip / HDF5
   * readers load on first use. Without style/era the file's Keras version picks them
   * (styleDefaults). Byte-identical to the summary of the same model's JSON.
   */
  summary(file: SavedFileInput, options?: SummaryOptions & ReadModelOptions): Promise<ModelSummary>;

  /**
   * Reads a saved model file locally (nothing is sent anywhere): a .keras archive, a legacy
   * .h5, a TF.js model.json (its shard files in sideFiles), or Keras JSON / Python source. The
   * kind comes from the first bytes, never from the name. Async: fflate (zip) and h5wasm
   * (HDF5) are imported from ./vendor/ on first use. A file PadLab cannot read (truncated,
   * corrupt, a zip bomb, a weights-only file, a SavedModel, .tflite, ...) rejects with one
   * PadlabError whose message says what the file is; the module stays usable.
   * Memory: `file` stays the caller's and is only read (a Blob in a Web Worker is read in
   * pieces, as libhdf5 / the zip stream ask for them); the result is plain values owned by
   * the caller; everything copied into the wasm heaps is freed before the Promise settles.
   */
  readModel(file: SavedFileInput, options?: ReadModelOptions): Promise<SavedModelInfo>;

  /** Pads `data` (of `shape`) by one [before, after] pair per axis. */
  pad(data: TensorData, shape: number[], pads: PadPair[], options?: PadOptions): Tensor;

  /**
   * Convolution with Keras semantics (any of 1D/2D/3D): input [N, ...spatial, C] channels-last,
   * kernel [...k, C, filters] (Keras layout). Padding cells take values per `mode`.
   */
  conv(input: TensorData, inputShape: number[], kernel: TensorData, kernelShape: number[], options?: ConvOptions): Tensor;

  /**
   * Runs a Sequential model or a one-input, one-output Functional graph (any source summary()
   * takes) forward on one sample, in the core,
   * with deterministic random weights: Keras's default initializers (Glorot-uniform kernels,
   * zero biases, batch-norm at its initial state) drawn from PadLab's own seeded generator
   * (core/weight_init.hpp), so a seed gives the same weights everywhere. The last two models run
   * stay built inside the module (weights resident), so running one again costs only arithmetic.
   * Runs Conv1D/2D/3D, DepthwiseConv1D/2D, Dense, pooling, global pooling, ZeroPadding, Cropping,
   * Flatten, Reshape, Dropout, Activation, ReLU, LeakyReLU, BatchNormalization, LayerNormalization
   * and the merge layers (Dot on vectors).
   * @throws PadlabError: UnsupportedError (other layers or activations, nested models, layers
   *   with several outputs, graphs with several inputs or outputs, naming the layer),
   *   ShapeError (an unknown length besides the batch; an input of the wrong size), LimitError
   *   (weights and activations above 1 GiB), and every error summary() throws.
   */
  forward(source: string | object, options?: ForwardOptions): ForwardResult;

  /** The weights forward() uses for (source, seed), in Keras's model.get_weights() order. */
  modelWeights(source: string | object, options?: { seed?: number }): ModelWeight[];

  /** The geometry of a padding / convolution diagram as plain data. */
  diagram(spec: DiagramSpec, options?: DiagramOptions): DiagramGeometry;

  /** One step (0-based, row-major over the output): the output cell and the window it reads. */
  diagramStep(spec: DiagramSpec, index: number): DiagramStep;

  /** The diagram as SVG text (the picture the CLI draws): one step, or the animation. */
  diagramSvg(spec: DiagramSpec, options?: DiagramSvgOptions): string;

  /** One static step with the region it shows and what it reads (the page's player draws this). */
  diagramPicture(spec: DiagramSpec, options?: Omit<DiagramSvgOptions, 'animate'>): DiagramPicture;

  /** The named diagrams, in reading order. */
  diagramPresets(): DiagramPreset[];

  /**
   * The diagram spec of one layer (Conv*, SeparableConv*, DepthwiseConv*, Conv*Transpose, pooling,
   * ZeroPadding*, Cropping*) of a model source, with its real input length and settings.
   * @throws PadlabError: UnsupportedError for layers with nothing to draw, ArgumentError for an unknown name
   */
  layerDiagramSpec(source: string, layerName: string): NormalizedDiagramSpec;

  memoryStats(): MemoryStats;
}
