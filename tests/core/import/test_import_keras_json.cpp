#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "tests/core/import/import_test_helpers.hpp"

using namespace padlab;
using nlohmann::json;
using padlab::test::expect_error;

namespace {

// keras-and-peers.md §3: Keras 2.12 model.to_json() of Conv2D(2, 3, padding='same') on 28x28x1.
const std::string kKeras2 = R"({"class_name": "Sequential", "config": {"name": "sequential", "layers": [
  {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 28, 28, 1], "dtype": "float32", "sparse": false, "ragged": false, "name": "conv2d_input"}},
  {"class_name": "Conv2D", "config": {"name": "conv2d", "trainable": true, "batch_input_shape": [null, 28, 28, 1], "dtype": "float32",
     "filters": 2, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1],
     "groups": 1, "activation": "linear", "use_bias": true,
     "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}}, "bias_initializer": {"class_name": "Zeros", "config": {}},
     "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null}}]},
 "keras_version": "2.12.0", "backend": "tensorflow"})";

// keras-and-peers.md §3: real Keras 3 output (trimmed there).
const std::string kKeras3 = R"({"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "trainable": true,
  "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
  "layers": [
   {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 224, 224, 3], "dtype": "float32", "sparse": false, "ragged": false, "name": "input_layer"}, "registered_name": null},
   {"module": "keras.layers", "class_name": "Conv2D", "config": {"name": "conv2d", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
     "filters": 8, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu", "use_bias": true,
     "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null},
     "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
     "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null},
    "registered_name": null, "build_config": {"input_shape": [null, 224, 224, 3]}}],
  "build_input_shape": [null, 224, 224, 3]}, "registered_name": null, "build_config": {"input_shape": [null, 224, 224, 3]}})";

// keras-and-peers.md §3: tfjs-layers 4.22 model.save() output, one line as tfjs writes it.
const std::string kTfjs =
    R"({"modelTopology":{"class_name":"Sequential","config":{"name":"sequential_1","layers":[{"class_name":"Conv2D","config":{"filters":2,)"
    R"("kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},)"
    R"("kernel_regularizer":null,"kernel_constraint":null,"kernel_size":[3,3],"strides":[1,1],"padding":"same","data_format":"channels_last",)"
    R"("dilation_rate":[1,1],"activation":"linear","use_bias":true,"bias_initializer":{"class_name":"Zeros","config":{}},"bias_regularizer":null,)"
    R"("activity_regularizer":null,"bias_constraint":null,"name":"conv2d_Conv2D1","trainable":true,"batch_input_shape":[null,28,28,1],"dtype":"float32"}}]},)"
    R"("keras_version":"tfjs-layers 4.22.0","backend":"tensor_flow.js"},)"
    R"("format":"layers-model","generatedBy":"TensorFlow.js tfjs-layers v4.22.0","convertedBy":null,)"
    R"("weightsManifest":[{"paths":["group1-shard1of1.bin"],"weights":[{"name":"conv2d_Conv2D1/kernel","shape":[3,3,1,2],"dtype":"float32"},)"
    R"({"name":"conv2d_Conv2D1/bias","shape":[2],"dtype":"float32"}]}]})";

// A Keras 3 Functional model; `extra` adds layers after dense_1.
std::string keras3_functional(const std::string& extra = "") {
    const auto tensor = [](const std::string& from) {
        return R"({"class_name": "__keras_tensor__", "config": {"shape": [null, 4], "dtype": "float32", "keras_history": [")" +
               from + R"(", 0, 0]}})";
    };
    return R"({"module": "keras.src.models.functional", "class_name": "Functional", "config": {"name": "chain", "trainable": true,
  "layers": [
    {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 8], "dtype": "float32", "name": "input_layer"}, "name": "input_layer", "inbound_nodes": []},
    {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 4}, "name": "dense", "inbound_nodes": [{"args": [)" +
           tensor("input_layer") + R"(], "kwargs": {}}]},
    {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense_1", "units": 2}, "name": "dense_1", "inbound_nodes": [{"args": [)" +
           tensor("dense") + R"(], "kwargs": {}}]})" + extra + R"(],
  "input_layers": [["input_layer", 0, 0]], "output_layers": [["dense_1", 0, 0]]}, "registered_name": "Functional"})";
}

}  // namespace

TEST_CASE("Keras 2 to_json: InputLayer plus batch_input_shape on the first layer", "[import_keras_json]") {
    const ModelSpec spec = import_keras_json(kKeras2);
    CHECK(spec.format == "keras2-json");
    CHECK(spec.name == "sequential");
    REQUIRE(spec.layers.size() == 2);
    CHECK(spec.layers[0].class_name == "InputLayer");
    CHECK(spec.layers[0].config["batch_input_shape"] == json::parse("[null, 28, 28, 1]"));
    CHECK(spec.layers[0].line == 2);
    CHECK(spec.layers[0].column == 3);
    CHECK(spec.layers[1].class_name == "Conv2D");
    CHECK(spec.layers[1].config["padding"] == "same");
    CHECK(spec.layers[1].config["kernel_initializer"] == json::parse(R"({"class_name": "GlorotUniform", "config": {"seed": null}})"));
    CHECK(spec.layers[1].line == 3);
}

TEST_CASE("tf.keras 2.13+ (module/registered_name/build_config per layer) is still Keras 2", "[import_keras_json]") {
    const ModelSpec spec = import_keras_json(R"({"class_name": "Sequential", "config": {"name": "seq", "layers": [
  {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 10], "dtype": "float32", "name": "dense_input"}, "registered_name": null},
  {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 3}, "registered_name": null, "build_config": {"input_shape": [null, 10]}}]},
 "keras_version": "2.13.1", "backend": "tensorflow"})");
    CHECK(spec.format == "keras2-json");
    REQUIRE(spec.layers.size() == 2);
    CHECK(spec.layers[1].config == json::parse(R"({"name": "dense", "units": 3})"));
}

TEST_CASE("Keras 3: batch_shape and DTypePolicy objects lower to Keras 2 spellings", "[import_keras_json]") {
    const ModelSpec spec = import_keras_json(kKeras3);
    CHECK(spec.format == "keras3-json");
    CHECK(spec.name == "sequential");
    REQUIRE(spec.layers.size() == 2);
    CHECK(spec.layers[0].config == json::parse(R"({"batch_input_shape": [null, 224, 224, 3], "dtype": "float32",
        "sparse": false, "ragged": false, "name": "input_layer"})"));
    CHECK(spec.layers[1].config["dtype"] == "float32");
    CHECK(spec.layers[1].config["activation"] == "relu");
    CHECK(spec.layers[0].line == 4);
    CHECK(spec.layers[0].column == 4);
    CHECK(spec.layers[1].line == 5);
}

TEST_CASE("Keras 3 without an InputLayer: the shape comes from build_input_shape", "[import_keras_json]") {
    const ModelSpec spec = import_keras_json(R"({"module": "keras", "class_name": "Sequential", "config": {"name": "built",
  "layers": [{"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 5,
     "activation": {"module": "builtins", "class_name": "function", "config": "relu", "registered_name": "function"}}}],
  "build_input_shape": [null, 12]}})");
    REQUIRE(spec.layers.size() == 1);
    CHECK(spec.layers[0].config == json::parse(R"({"name": "dense", "units": 5, "activation": "relu",
        "batch_input_shape": [null, 12]})"));
}

TEST_CASE("TF.js model.json: modelTopology, no InputLayer, positions on one line", "[import_keras_json]") {
    const ModelSpec spec = import_keras_json(kTfjs);
    CHECK(spec.format == "tfjs-json");
    CHECK(spec.name == "sequential_1");
    REQUIRE(spec.layers.size() == 1);
    CHECK(spec.layers[0].class_name == "Conv2D");
    CHECK(spec.layers[0].config["batch_input_shape"] == json::parse("[null, 28, 28, 1]"));
    CHECK(spec.layers[0].line == 1);
    CHECK(spec.layers[0].column == 87);
}

TEST_CASE("TF.js converter topology wraps the model in model_config", "[import_keras_json]") {
    const ModelSpec spec = import_keras_json(R"({"modelTopology": {"keras_version": "2.2.4", "backend": "tensorflow",
  "model_config": {"class_name": "Sequential", "config": {"name": "sequential_3", "layers": [
    {"class_name": "Dense", "config": {"units": 1, "batch_input_shape": [null, 4], "name": "dense_5"}}]}}},
 "format": "layers-model", "convertedBy": "TensorFlow.js Converter v1.0.0"})");
    CHECK(spec.format == "tfjs-json");
    CHECK(spec.name == "sequential_3");
    REQUIRE(spec.layers.size() == 1);
    CHECK(spec.layers[0].line == 3);
    CHECK(spec.layers[0].column == 5);
}

TEST_CASE("ancient Keras: the Sequential config is the bare layer list", "[import_keras_json]") {
    const ModelSpec spec = import_keras_json(R"({"class_name": "Sequential", "config": [
  {"class_name": "Dense", "config": {"output_dim": 4, "batch_input_shape": [null, 3], "name": "dense_1"}},
  {"class_name": "Activation", "config": {"activation": "relu", "name": "activation_1"}}]})");
    CHECK(spec.format == "keras2-json");
    CHECK(spec.name.empty());
    REQUIRE(spec.layers.size() == 2);
    CHECK(spec.layers[1].class_name == "Activation");
    CHECK(spec.layers[1].line == 3);
}

TEST_CASE("a Functional model is a graph: inbound nodes become calls, input/output layers its tensors", "[import_keras_json]") {
    const ModelSpec k3 = import_keras_json(keras3_functional());
    CHECK(k3.format == "keras3-json");
    CHECK(k3.graph);
    CHECK(k3.name == "chain");
    REQUIRE(k3.layers.size() == 3);
    CHECK(k3.layers[0].config["batch_input_shape"] == json::parse("[null, 8]"));
    CHECK(k3.layers[0].calls.empty());
    REQUIRE(k3.layers[2].calls.size() == 1);
    CHECK(k3.layers[2].calls[0].inputs == std::vector<TensorRef>{{1, 0, 0}});
    CHECK_FALSE(k3.layers[2].calls[0].list_input);
    CHECK(k3.inputs == std::vector<TensorRef>{{0, 0, 0}});
    CHECK(k3.outputs == std::vector<TensorRef>{{2, 0, 0}});

    // Keras 2 node lists, with the layers listed out of order: the graph decides the rows' order.
    const ModelSpec k2 = import_keras_json(R"({"class_name": "Model", "config": {"name": "model_1", "layers": [
  {"name": "dense_2", "class_name": "Dense", "config": {"name": "dense_2", "units": 1}, "inbound_nodes": [[["dense_1", 0, 0, {}]]]},
  {"name": "input_1", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 6], "name": "input_1"}, "inbound_nodes": []},
  {"name": "dense_1", "class_name": "Dense", "config": {"name": "dense_1", "units": 3}, "inbound_nodes": [[["input_1", 0, 0, {}]]]}],
  "input_layers": [["input_1", 0, 0]], "output_layers": [["dense_2", 0, 0]]}, "keras_version": "2.2.4"})");
    REQUIRE(k2.layers.size() == 3);
    CHECK(k2.layers[0].calls[0].inputs == std::vector<TensorRef>{{2, 0, 0}});
    CHECK(k2.layers[0].line == 2);
    const ModelSummary s = summarize(k2);
    REQUIRE(s.layers.size() == 3);
    CHECK(s.layers[0].name == "input_1");
    CHECK(s.layers[1].name == "dense_1");
    CHECK(s.layers[2].name == "dense_2");
    CHECK(s.sequential_like);
    CHECK(s.total_params == (6 * 3 + 3) + (3 + 1));
}

TEST_CASE("a branching Functional model: merge calls take lists; bad connections are located", "[import_keras_json]") {
    const std::string add = R"(,
    {"module": "keras.layers", "class_name": "Add", "config": {"name": "add"}, "name": "add", "inbound_nodes": [{"args": [[
      {"class_name": "__keras_tensor__", "config": {"keras_history": ["dense", 0, 0]}},
      {"class_name": "__keras_tensor__", "config": {"keras_history": ["dense_1", 0, 0]}}]], "kwargs": {}}]})";
    const ModelSpec spec = import_keras_json(keras3_functional(add));
    REQUIRE(spec.layers.size() == 4);
    REQUIRE(spec.layers[3].calls.size() == 1);
    CHECK(spec.layers[3].calls[0].list_input);
    CHECK(spec.layers[3].calls[0].inputs == std::vector<TensorRef>{{1, 0, 0}, {2, 0, 0}});

    const std::string unknown = R"(,
    {"module": "keras.layers", "class_name": "Add", "config": {"name": "add"}, "name": "add", "inbound_nodes": [{"args": [[
      {"class_name": "__keras_tensor__", "config": {"keras_history": ["nowhere", 0, 0]}}]], "kwargs": {}}]})";
    const auto e = expect_error<ParseError>([&] { import_keras_json(keras3_functional(unknown)); });
    CHECK(e.message == "a connection names unknown layer 'nowhere'");
    CHECK(e.line == 6);
}

TEST_CASE("a nested model in a Functional config is a layer with its own model", "[import_keras_json]") {
    const ModelSpec spec = import_keras_json(R"({"class_name": "Functional", "config": {"name": "outer", "layers": [
  {"name": "x", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 4], "name": "x"}, "inbound_nodes": []},
  {"name": "block", "class_name": "Sequential", "config": {"name": "block", "layers": [
     {"class_name": "Dense", "config": {"name": "d1", "units": 8, "batch_input_shape": [null, 4]}},
     {"class_name": "Dense", "config": {"name": "d2", "units": 2}}]}, "inbound_nodes": [[["x", 0, 0, {}]]]}],
  "input_layers": [["x", 0, 0]], "output_layers": [["block", 1, 0]]}, "keras_version": "2.11.0"})");
    REQUIRE(spec.layers.size() == 2);
    REQUIRE(spec.layers[1].nested);
    CHECK(spec.layers[1].class_name == "Sequential");
    CHECK(spec.layers[1].nested->layers.size() == 2);
    CHECK(spec.outputs == std::vector<TensorRef>{{1, 0, 0}});  // Keras 2 counts a nested model's calls from 1
    const ModelSummary s = summarize(spec);
    CHECK(s.layers[1].params == (4 * 8 + 8) + (8 * 2 + 2));
    CHECK(s.output_shapes == std::vector<Shape>{{kNone, 2}});
}

TEST_CASE("malformed JSON: ParseError at the offending line and column", "[import_keras_json]") {
    const auto e = expect_error<ParseError>([] { import_keras_json("{\"class_name\": \"Sequential\",\n  \"config\": {\"layers\": [1, }\n}"); });
    CHECK(e.message == "invalid JSON: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
    CHECK(e.line == 2);
    CHECK(e.column == 28);

    const auto eof = expect_error<ParseError>([] { import_keras_json("{\"class_name\": \"Seq"); });
    CHECK(eof.line == 1);
    CHECK(eof.message.find("invalid JSON: syntax error while parsing value - invalid string: missing closing quote") == 0);

    // nlohmann reports a too-large number as out_of_range, not as a parse_error (found by fuzzing).
    const auto big = expect_error<ParseError>([] { import_keras_json("{\"a\":\n  [1e801]}"); });
    CHECK(big.message == "invalid JSON: number overflow parsing '1e801'");
    CHECK(big.line == 2);
    CHECK(big.column == 4);
}

TEST_CASE("well-formed JSON that is not a Sequential model", "[import_keras_json]") {
    const auto top = expect_error<ParseError>([] { import_keras_json("{\"format\": \"graph-model\"}"); });
    CHECK(top.message.find("not a Keras model") == 0);

    const auto layers = expect_error<ParseError>([] {
        import_keras_json("{\"class_name\": \"Sequential\", \"config\": {\"layers\": {\"a\": 1}}}");
    });
    CHECK(layers.message == "\"layers\" must be a JSON list, got object");
    CHECK(layers.column == 51);

    const auto entry = expect_error<ParseError>([] {
        import_keras_json("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [\n  {\"config\": {}}]}}");
    });
    CHECK(entry.message == "layer #1 has no \"class_name\" string");
    CHECK(entry.line == 2);
    CHECK(entry.column == 3);

    const auto subclass = expect_error<UnsupportedError>([] {
        import_keras_json("{\"class_name\": \"MyModel\", \"config\": {}}");
    });
    CHECK(subclass.message.find("model class 'MyModel' is not supported") == 0);

    CHECK_THROWS_AS(import_keras_json("[1, 2]"), ParseError);
    CHECK_THROWS_AS(import_keras_json("\"text\""), ParseError);
    CHECK_THROWS_AS(import_keras_json("{\"class_name\": 3, \"config\": {}}"), ParseError);
    CHECK_THROWS_AS(import_keras_json("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": 7}]}}"),
                    ParseError);
}

TEST_CASE("JSON resource guards: nesting and size", "[import_keras_json]") {
    const std::string deep = "{\"class_name\": \"Sequential\", \"config\": " + std::string(150, '[') + std::string(150, ']') + "}";
    const auto e = expect_error<ParseError>([&] { import_keras_json(deep); });
    CHECK(e.message == "JSON nested deeper than 100 levels");
    CHECK(e.column == 139);  // the 101st '['
    CHECK_THROWS_AS(import_keras_json("{\"pad\": \"" + std::string(1 << 20, 'x') + "\"}"), LimitError);
}

// A layer called on several tensor arguments (MultiHeadAttention): tf.keras's Node.serialize
// keeps the first argument positional and the others in each entry's kwargs as triples; Keras 3
// keeps {"args": [...], "kwargs": {...}} as called.
TEST_CASE("MultiHeadAttention's value and key tensors are read from the call's kwargs", "[import_json]") {
    const std::string keras2 = R"({"class_name": "Functional", "keras_version": "2.15.0", "config": {"name": "model",
      "layers": [
        {"class_name": "InputLayer", "name": "q", "config": {"batch_input_shape": [null, 4, 8], "name": "q"}, "inbound_nodes": []},
        {"class_name": "InputLayer", "name": "v", "config": {"batch_input_shape": [null, 6, 8], "name": "v"}, "inbound_nodes": []},
        {"class_name": "InputLayer", "name": "k", "config": {"batch_input_shape": [null, 6, 5], "name": "k"}, "inbound_nodes": []},
        {"class_name": "MultiHeadAttention", "name": "mha",
         "config": {"name": "mha", "num_heads": 2, "key_dim": 3, "value_dim": 3, "output_shape": null, "use_bias": true},
         "inbound_nodes": [[["q", 0, 0, {"value": ["v", 0, 0], "key": ["k", 0, 0]}]]]}],
      "input_layers": [["q", 0, 0], ["v", 0, 0], ["k", 0, 0]], "output_layers": [["mha", 0, 0]]}})";
    const ModelSpec spec = import_keras_json(keras2);
    REQUIRE(spec.layers[3].calls.size() == 1);
    const LayerCall& call = spec.layers[3].calls[0];
    CHECK(call.list_input);
    CHECK(call.inputs == std::vector<TensorRef>{{0, 0, 0}, {1, 0, 0}, {2, 0, 0}});
    const ModelSummary m = summarize(spec);
    CHECK(m.total_params == (8 * 6 + 6) + (5 * 6 + 6) + (8 * 6 + 6) + (6 * 8 + 8));
    CHECK(m.output_shapes[0] == Shape{kNone, 4, 8});

    // Keras 3: self-attention mha(x, x) has both tensors in "args".
    const std::string tensor = R"({"class_name": "__keras_tensor__", "config": {"shape": [null, 200, 32], "dtype": "float32",
                                   "keras_history": ["x", 0, 0]}})";
    const std::string keras3 = R"({"module": "keras.src.models.functional", "class_name": "Functional",
      "config": {"name": "functional", "layers": [
        {"module": "keras.layers", "class_name": "InputLayer", "name": "x",
         "config": {"batch_shape": [null, 200, 32], "name": "x"}, "inbound_nodes": []},
        {"module": "keras.layers", "class_name": "MultiHeadAttention", "name": "mha",
         "config": {"name": "mha", "num_heads": 2, "key_dim": 32},
         "inbound_nodes": [{"args": [)" + tensor + ", " + tensor + R"(], "kwargs": {}}]}],
      "input_layers": [["x", 0, 0]], "output_layers": [["mha", 0, 0]]}})";
    const ModelSummary m3 = summarize(import_keras_json(keras3));
    CHECK(m3.total_params == 8416);
    CHECK(m3.layers[1].connected_to.size() == 2);
    // Keras 3 with value given by keyword.
    std::string by_keyword = keras3;
    const std::string args = "{\"args\": [" + tensor + ", " + tensor + "], \"kwargs\": {}}";
    by_keyword.replace(by_keyword.find(args), args.size(), "{\"args\": [" + tensor + "], \"kwargs\": {\"value\": " + tensor + "}}");
    CHECK(summarize(import_keras_json(by_keyword)).total_params == 8416);
}

// A TF.js 4.22 model.json (made in node with tfjs-layers: Rescaling, CenterCrop, Conv2D with
// activation 'elu', PReLU(sharedAxes [1, 2]), ThresholdedReLU, GaussianNoise, Reshape,
// SpatialDropout1D, Softmax, AlphaDropout, GaussianDropout, ELU, Flatten, Dense with
// 'hardSigmoid'): PadLab's totals are TF.js's summary's. TF.js saved the first layer's
// batch_input_shape as [null, 28, 28, 3] although the model was built on 32x32x3: its
// CenterCrop.computeOutputShape writes the crop size into the shape array it was given.
TEST_CASE("TF.js model.json with the activation, regularization and preprocessing layers", "[import_json]") {
    const std::string path = std::string(PADLAB_SOURCE_DIR) +
                             "/tests/fuzz/corpus/fuzz_import_json/tfjs_activation_regularization_preprocessing.json";
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    const ModelSummary m = summarize(import_keras_json(text.str()));
    CHECK(m.total_params == 21868);  // TF.js: Total params: 21868
    REQUIRE(m.layers.size() == 14);
    CHECK(m.layers[3].class_name == "PReLU");
    CHECK(m.layers[3].params == 8);
    CHECK(m.layers[13].params == 21636);
    CHECK(m.output_shapes[0] == Shape{kNone, 4});
}

namespace {

// Written by TF.js 4.22 (tfl.model(...).toJSON(null, false)) for
//   seq = input([10, 8]); [whole, h, c] = lstm({units: 16, returnState: true}).apply(seq)
//   head = dense({units: 1}).apply(h); cat = concatenate().apply([whole, c])
// whose TF.js summary reports lstm [[null,16],[null,16],[null,16]] 1600, head 17, total 1617.
const char* const kTfjsMultiOutput = R"json({"class_name":"Model","config":{"name":"multi","layers":[{"name":"seq","class_name":"InputLayer","config":{"batch_input_shape":[null,10,8],"dtype":"float32","sparse":false,"name":"seq"},"inbound_nodes":[]},{"name":"lstm","class_name":"LSTM","config":{"name":"lstm","trainable":true,"units":16,"activation":"tanh","recurrent_activation":"hard_sigmoid","use_bias":true,"kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},"recurrent_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"uniform","seed":null}},"bias_initializer":{"class_name":"Zeros","config":{}},"unit_forget_bias":null,"kernel_regularizer":null,"recurrent_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,"kernel_constraint":null,"recurrent_constraint":null,"bias_constraint":null,"dropout":0,"recurrent_dropout":0,"implementation":null,"return_sequences":false,"return_state":true,"go_backwards":false,"stateful":false,"unroll":false},"inbound_nodes":[[["seq",0,0,{}]]]},{"name":"head","class_name":"Dense","config":{"units":1,"activation":"linear","use_bias":true,"kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},"bias_initializer":{"class_name":"Zeros","config":{}},"kernel_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,"kernel_constraint":null,"bias_constraint":null,"name":"head","trainable":true},"inbound_nodes":[[["lstm",0,1,{}]]]},{"name":"cat","class_name":"Concatenate","config":{"axis":-1,"name":"cat","trainable":true},"inbound_nodes":[[["lstm",0,0,{}],["lstm",0,2,{}]]]}],"input_layers":[["seq",0,0]],"output_layers":[["head",0,0],["cat",0,0]]},"keras_version":"tfjs-layers 4.22.0","backend":"tensor_flow.js"})json";

// TF.js 4.22: sequential([embedding({inputDim: 1000, outputDim: 16, inputLength: 20}),
// bidirectional({layer: gru({units: 8, returnSequences: true})}), timeDistributed({layer:
// dense({units: 3})})]); TF.js's summary: [null,20,16] 16000, [null,20,16] 1200, [null,20,3] 51.
const char* const kTfjsSequence = R"json({"class_name":"Sequential","config":{"name":"seqmodel","layers":[{"class_name":"Embedding","config":{"input_dim":1000,"output_dim":16,"embeddings_initializer":{"class_name":"RandomUniform","config":{"minval":-0.05,"maxval":0.05,"seed":null}},"embeddings_regularizer":null,"activity_regularizer":null,"embeddings_constraint":null,"mask_zero":null,"input_length":20,"name":"emb","trainable":true,"batch_input_shape":[null,20]}},{"class_name":"Bidirectional","config":{"merge_mode":"concat","layer":{"class_name":"GRU","config":{"name":"gru_GRU1","trainable":true,"units":8,"activation":"tanh","recurrent_activation":"hard_sigmoid","use_bias":true,"kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},"recurrent_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"uniform","seed":null}},"bias_initializer":{"class_name":"Zeros","config":{}},"kernel_regularizer":null,"recurrent_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,"kernel_constraint":null,"recurrent_constraint":null,"bias_constraint":null,"dropout":0,"recurrent_dropout":0,"implementation":null,"reset_after":false,"return_sequences":true,"return_state":false,"go_backwards":false,"stateful":false,"unroll":false}},"name":"bi","trainable":true}},{"class_name":"TimeDistributed","config":{"layer":{"class_name":"Dense","config":{"units":3,"activation":"linear","use_bias":true,"kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},"bias_initializer":{"class_name":"Zeros","config":{}},"kernel_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,"kernel_constraint":null,"bias_constraint":null,"name":"dense_Dense1","trainable":true}},"name":"td","trainable":true}}]},"keras_version":"tfjs-layers 4.22.0","backend":"tensor_flow.js"})json";

}  // namespace

TEST_CASE("TF.js JSON: a multi-output LSTM read by tensor index", "[import_keras_json]") {
    const ModelSpec spec = import_keras_json(kTfjsMultiOutput);
    REQUIRE(spec.graph);
    const ModelSummary m = summarize(spec);
    REQUIRE(m.layers.size() == 4);
    CHECK(m.layers[1].output_shapes == std::vector<Shape>{{kNone, 16}, {kNone, 16}, {kNone, 16}});
    CHECK(m.layers[1].params == 1600);
    CHECK(m.layers[2].input_shape == Shape{kNone, 16});
    CHECK(m.layers[3].output_shape == Shape{kNone, 32});
    CHECK(m.total_params == 1617);
    CHECK(m.output_shapes == std::vector<Shape>{{kNone, 1}, {kNone, 32}});
}

TEST_CASE("TF.js JSON: Embedding(input_length), Bidirectional(GRU reset_after=false), TimeDistributed",
          "[import_keras_json]") {
    const ModelSummary m = summarize(import_keras_json(kTfjsSequence));
    REQUIRE(m.layers.size() == 3);
    CHECK(m.layers[0].output_shape == Shape{kNone, 20, 16});
    CHECK(m.layers[0].params == 16000);
    CHECK(m.layers[1].output_shape == Shape{kNone, 20, 16});
    CHECK(m.layers[1].params == 1200);
    CHECK(m.layers[2].output_shape == Shape{kNone, 20, 3});
    CHECK(m.layers[2].params == 51);
    CHECK(m.total_params == 17251);
}

TEST_CASE("JSON: a tensor index past a layer's outputs is refused at the layer", "[import_keras_json]") {
    const auto e = expect_error<ArgumentError>([] {
        summarize(import_keras_json(R"json({"class_name": "Functional", "config": {"name": "m", "layers": [
  {"class_name": "InputLayer", "name": "in", "config": {"batch_input_shape": [null, 10, 8], "name": "in"}, "inbound_nodes": []},
  {"class_name": "GRU", "name": "gru", "config": {"name": "gru", "units": 4, "return_state": true}, "inbound_nodes": [[["in", 0, 0, {}]]]},
  {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 1}, "inbound_nodes": [[["gru", 0, 2, {}]]]}],
  "input_layers": [["in", 0, 0]], "output_layers": [["d", 0, 0]]}, "keras_version": "2.15.0"})json"));
    });
    CHECK(e.message == "The connection gru[0][2] names output 2 of a call with 2 outputs");
    CHECK(e.layer == "d");
}

TEST_CASE("Keras 3 JSON: Bidirectional serializes both its layers; they count once each", "[import_keras_json]") {
    // keras/src/layers/rnn/bidirectional.py get_config writes "layer" (forward_lstm) and
    // "backward_layer" (backward_lstm, go_backwards true) every time. The keras-io IMDB model's
    // first half, in Keras 3's format (configs trimmed of initializers).
    const ModelSummary m = summarize(import_keras_json(R"json({"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "trainable": true, "dtype": "float32", "layers": [
 {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, null], "dtype": "int32", "sparse": false, "name": "input_layer"}, "registered_name": null},
 {"module": "keras.layers", "class_name": "Embedding", "config": {"name": "embedding", "trainable": true, "dtype": "float32", "input_dim": 20000, "output_dim": 128, "embeddings_initializer": {"module": "keras.initializers", "class_name": "RandomUniform", "config": {"seed": null, "minval": -0.05, "maxval": 0.05}, "registered_name": null}, "embeddings_regularizer": null, "activity_regularizer": null, "embeddings_constraint": null, "mask_zero": false}, "registered_name": null, "build_config": {"input_shape": [null, null]}},
 {"module": "keras.layers", "class_name": "Bidirectional", "config": {"name": "bidirectional", "trainable": true, "dtype": "float32", "merge_mode": "concat",
   "layer": {"module": "keras.layers", "class_name": "LSTM", "config": {"name": "forward_lstm", "trainable": true, "dtype": "float32", "return_sequences": true, "return_state": false, "go_backwards": false, "stateful": false, "unroll": false, "zero_output_for_mask": true, "units": 64, "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true, "dropout": 0.0, "recurrent_dropout": 0.0, "seed": null}, "registered_name": null, "build_config": {"input_shape": [null, null, 128]}},
   "backward_layer": {"module": "keras.layers", "class_name": "LSTM", "config": {"name": "backward_lstm", "trainable": true, "dtype": "float32", "return_sequences": true, "return_state": false, "go_backwards": true, "stateful": false, "unroll": false, "zero_output_for_mask": true, "units": 64, "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true, "dropout": 0.0, "recurrent_dropout": 0.0, "seed": null}, "registered_name": null, "build_config": {"input_shape": [null, null, 128]}}},
  "registered_name": null, "build_config": {"input_shape": [null, null, 128]}}],
 "build_input_shape": [null, null]}, "registered_name": null, "build_config": {"input_shape": [null, null]}})json"));
    REQUIRE(m.layers.size() == 2);
    CHECK(m.layers[0].output_shape == Shape{kNone, kNone, 128});
    CHECK(m.layers[1].output_shape == Shape{kNone, kNone, 128});
    CHECK(m.layers[1].params == 98816);
    CHECK(m.total_params == 2658816);
}

TEST_CASE("TF.js JSON: an LSTM decoder with initial_state reads the encoder's states as inputs", "[import_keras_json]") {
    // TF.js 4.22 model.toJSON() of the keras-io lstm_seq2seq shape (initializers trimmed): the
    // decoder's node is [dec_in, encoder[0][1], encoder[0][2]], as tf.keras 2's RNN.__call__
    // writes it (tf_keras/layers/rnn/base_rnn.py). TF.js reports 128, 112 and 10 params.
    const ModelSummary m = summarize(import_keras_json(R"json({"class_name":"Model","config":{"name":"seq2seq","layers":[{"name":"enc_in","class_name":"InputLayer","config":{"batch_input_shape":[null,6,3],"dtype":"float32","sparse":false,"name":"enc_in"},"inbound_nodes":[]},{"name":"dec_in","class_name":"InputLayer","config":{"batch_input_shape":[null,5,2],"dtype":"float32","sparse":false,"name":"dec_in"},"inbound_nodes":[]},{"name":"encoder","class_name":"LSTM","config":{"name":"encoder","trainable":true,"units":4,"activation":"tanh","recurrent_activation":"hard_sigmoid","use_bias":true,"unit_forget_bias":null,"dropout":0,"recurrent_dropout":0,"implementation":null,"return_sequences":false,"return_state":true,"go_backwards":false,"stateful":false,"unroll":false},"inbound_nodes":[[["enc_in",0,0,{}]]]},{"name":"decoder","class_name":"LSTM","config":{"name":"decoder","trainable":true,"units":4,"activation":"tanh","recurrent_activation":"hard_sigmoid","use_bias":true,"unit_forget_bias":null,"dropout":0,"recurrent_dropout":0,"implementation":null,"return_sequences":true,"return_state":false,"go_backwards":false,"stateful":false,"unroll":false},"inbound_nodes":[[["dec_in",0,0,{}],["encoder",0,1,{}],["encoder",0,2,{}]]]},{"name":"out","class_name":"Dense","config":{"units":2,"activation":"linear","use_bias":true,"name":"out","trainable":true},"inbound_nodes":[[["decoder",0,0,{}]]]}],"input_layers":[["enc_in",0,0],["dec_in",0,0]],"output_layers":[["out",0,0]]},"keras_version":"tfjs-layers 4.22.0","backend":"tensor_flow.js"})json"));
    REQUIRE(m.layers.size() == 5);
    CHECK(m.layers[3].name == "decoder");
    CHECK(m.layers[3].output_shape == Shape{kNone, 5, 4});
    CHECK(m.layers[3].params == 112);
    CHECK(m.layers[3].connected_to.size() == 3);
    CHECK(m.layers[2].output_shapes == std::vector<Shape>{{kNone, 4}, {kNone, 4}, {kNone, 4}});
    CHECK(m.total_params == 128 + 112 + 10);
}

TEST_CASE("Keras 3 JSON: an LSTM called with initial_state= reads the states from the call's kwargs", "[import_keras_json]") {
    // Keras 3 serializes the call as made (keras/src/ops/node.py: {"args", "kwargs"}), so
    // decoder(dec_in, initial_state=[h, c]) keeps the states under kwargs.initial_state; the
    // model is the TF.js case above (128, 112, 10 params).
    const auto tensor = [](const char* layer, int index) {
        return std::string(R"({"class_name": "__keras_tensor__", "config": {"shape": [null, 4], "dtype": "float32", "keras_history": [")") +
               layer + "\", 0, " + std::to_string(index) + "]}}";
    };
    const auto lstm = [](const char* name, bool sequences, bool state) {
        return std::string(R"({"module": "keras.layers", "class_name": "LSTM", "config": {"name": ")") + name +
               R"(", "trainable": true, "dtype": "float32", "return_sequences": )" + (sequences ? "true" : "false") +
               R"(, "return_state": )" + (state ? "true" : "false") + R"(, "go_backwards": false, "stateful": false,
               "unroll": false, "zero_output_for_mask": false, "units": 4, "activation": "tanh",
               "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true, "dropout": 0.0,
               "recurrent_dropout": 0.0, "seed": null}, "registered_name": null, "name": ")" + name + "\"";
    };
    const std::string json = R"({"module": "keras", "class_name": "Functional", "config": {"name": "seq2seq", "trainable": true, "layers": [
      {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 6, 3], "dtype": "float32", "sparse": false, "name": "enc_in"}, "registered_name": null, "name": "enc_in", "inbound_nodes": []},
      {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 5, 2], "dtype": "float32", "sparse": false, "name": "dec_in"}, "registered_name": null, "name": "dec_in", "inbound_nodes": []},
      )" + lstm("encoder", false, true) + R"(, "build_config": {"input_shape": [null, 6, 3]}, "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 6, 3], "dtype": "float32", "keras_history": ["enc_in", 0, 0]}}], "kwargs": {"training": false, "mask": null}}]},
      )" + lstm("decoder", true, false) + R"(, "build_config": {"input_shape": [null, 5, 2]}, "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 5, 2], "dtype": "float32", "keras_history": ["dec_in", 0, 0]}}], "kwargs": {"initial_state": [)" +
                             tensor("encoder", 1) + ", " + tensor("encoder", 2) + R"(], "training": false, "mask": null}}]},
      {"module": "keras.layers", "class_name": "Dense", "config": {"name": "out", "trainable": true, "dtype": "float32", "units": 2, "activation": "linear", "use_bias": true}, "registered_name": null, "build_config": {"input_shape": [null, 5, 4]}, "name": "out", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 5, 4], "dtype": "float32", "keras_history": ["decoder", 0, 0]}}], "kwargs": {}}]}],
      "input_layers": [["enc_in", 0, 0], ["dec_in", 0, 0]], "output_layers": [["out", 0, 0]]}, "registered_name": "Functional"})";
    const ModelSummary m = summarize(import_keras_json(json));
    REQUIRE(m.layers.size() == 5);
    CHECK(m.layers[3].params == 112);
    REQUIRE(m.layers[3].connected_to.size() == 3);
    CHECK(m.total_params == 128 + 112 + 10);

    // States of the wrong size are Keras's own error, not a dropped connection.
    std::string wrong = json;
    wrong.replace(wrong.find("\"units\": 4", wrong.find("\"decoder\"")), 10, "\"units\": 5");
    CHECK_THROWS_WITH(summarize(import_keras_json(wrong)),
                      Catch::Contains("An `initial_state` was passed that is not compatible with `cell.state_size`"));
}
