#pragma once
// The keyword arguments each Keras layer class's constructor accepts, so the Python importer can
// report a misspelt keyword ("kernal_size") as Keras does. Each list is the union of Keras 3 and
// tf.keras 2, read from their sources: keras-team/keras keras/src/layers/** (the base
// keras/src/layers/layer.py Layer.__init__ and the kwargs it pops, input_dim and input_shape) and
// keras-team/tf-keras tf_keras/layers/** with tf_keras/engine/base_layer.py (Layer.__init__ and
// its allowed_kwargs set; BaseRandomLayer) and tf_keras/engine/input_layer.py. A class's list
// holds its own __init__ parameters, those its base classes accept through **kwargs (minus any
// the class passes itself, e.g. ActivityRegularization's activity_regularizer), the legacy
// keywords a constructor pops from kwargs (LeakyReLU alpha, Embedding input_length, Attention
// causal, ...) and the base Layer's keywords. Keys are canonical class names only (no aliases such
// as Convolution2D or MaxPool2D), and the table covers only the public keras.layers classes that
// PadLab registers.
#include <string_view>
#include <vector>

namespace padlab {

// The keyword arguments the class's constructor accepts in Keras 3 or tf.keras 2 (the union):
// its own and inherited __init__ parameters and the base Layer's keywords; nullptr when the
// class is not in the table (then nothing is checked).
const std::vector<std::string_view>* layer_keywords(std::string_view class_name);

}  // namespace padlab
