// The "Architecture" picker: famous models as the one line a user writes, each built by the
// engine's Keras Applications builders (core/import/applications) with Keras's layer names.
// `note` says which padding lesson the model holds.
const line = (call) => `from tensorflow import keras\n\nmodel = keras.applications.${call}\nmodel.summary()\n`;

export const ARCHITECTURES = [
  { id: 'ResNet50', code: line('ResNet50(weights=None)'), note: "conv1_pad: ZeroPadding2D(3), then conv1_conv 7×7 stride 2 'valid'" },
  { id: 'ResNet101', code: line('ResNet101(weights=None)') },
  { id: 'ResNet50V2', code: line('ResNet50V2(weights=None)') },
  { id: 'MobileNet', code: line('MobileNet(weights=None)') },
  { id: 'MobileNetV2', code: line('MobileNetV2(weights=None)'), note: 'block_N_pad: the asymmetric ((0, 1), (0, 1)) pad before every stride-2 depthwise conv' },
  { id: 'InceptionV3', code: line('InceptionV3(weights=None)'), note: "'valid' stems shrink 299×299 to 35×35" },
  { id: 'InceptionResNetV2', code: line('InceptionResNetV2(weights=None)') },
  { id: 'Xception', code: line('Xception(weights=None)') },
  { id: 'DenseNet121', code: line('DenseNet121(weights=None)') },
  { id: 'VGG16', code: line('VGG16(weights=None)'), note: "every conv 'same': only the pools shrink the map" },
  { id: 'VGG19', code: line('VGG19(weights=None)') },
  { id: 'NASNetMobile', code: line('NASNetMobile(weights=None)') },
  { id: 'EfficientNetV2B0', code: line('EfficientNetV2B0(weights=None)'), note: "stem_conv: 3×3 stride 2 'same', TF's split (0, 1) — what EfficientNetB0's stem_conv_pad does by hand" },
  { id: 'ConvNeXtTiny', code: line('ConvNeXtTiny(weights=None)'), note: "convnext_tiny_stem: a 4×4 stride-4 'valid' patchify conv, no padding: 224×224 to 56×56" },
];

export const findArchitecture = (id) => ARCHITECTURES.find((a) => a.id === id) ?? null;
