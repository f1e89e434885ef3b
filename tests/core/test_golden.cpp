// Golden checks against TensorFlow.js 4.22 and hand-written Keras expectations.
// Fixtures: tests/golden/fixtures/*.json, made by tests/golden/generate*.mjs (format and the
// Keras-vs-TF.js differences in tests/golden/README.md). Each case runs inside INFO(id) with
// non-fatal CHECKs, so one run reports every mismatching fixture by its id.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xtensor/xarray.hpp>

#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/ops/padding.hpp"
#include "core/ops/reference_conv.hpp"

namespace {

// ordered_json: the model text handed to the importer keeps TF.js's key order.
using Json = nlohmann::ordered_json;

// abs 1e-4 + rel 1e-4: fixtures hold float32 results rounded to 5 decimals (error <= 5e-6),
// the rest is float32 summation order (sums of <= 4*4*4*3 products of values in [-1, 1]).
constexpr double kAbsTol = 1e-4;
constexpr double kRelTol = 1e-4;

Json load_fixture(const std::string& file) {
    const std::string path = std::string(PADLAB_SOURCE_DIR) + "/tests/golden/fixtures/" + file;
    std::ifstream in(path, std::ios::binary);
    if (!in) FAIL("cannot open golden fixture " << path << " (run: node tests/golden/generate.mjs)");
    std::stringstream text;
    text << in.rdbuf();
    Json j = Json::parse(text.str());
    REQUIRE(j.at("cases").size() == j.at("count").get<std::size_t>());
    return j;
}

padlab::Shape shape_of(const Json& j) {
    padlab::Shape s;
    for (const auto& d : j) s.push_back(d.is_null() ? padlab::kNone : d.get<padlab::Dim>());
    return s;
}

padlab::Pads pads_of(const Json& j) {
    padlab::Pads p;
    for (const auto& ab : j) p.push_back({ab.at(0).get<padlab::Dim>(), ab.at(1).get<padlab::Dim>()});
    return p;
}

xt::xarray<float> tensor_of(const Json& j) {
    std::vector<std::size_t> shape;
    for (const auto& d : j.at("shape")) shape.push_back(d.get<std::size_t>());
    xt::xarray<float> t = xt::xarray<float>::from_shape(shape);
    const auto& data = j.at("data");
    REQUIRE(data.size() == t.size());
    std::size_t i = 0;
    for (const auto& v : data) t.data()[i++] = v.get<float>();
    return t;
}

std::string describe_exception() {
    try {
        throw;
    } catch (const padlab::Error& e) {
        return std::string(e.kind()) + ": " + padlab::describe(e);
    } catch (const std::exception& e) {
        return std::string("std::exception: ") + e.what();
    } catch (...) {
        return "unknown exception";
    }
}

padlab::ModelSummary summarize_text(const Json& model) {
    return padlab::summarize(padlab::import_keras_json(model.dump()));
}

// Keras 2's "Connected to" text of one inbound tensor: "conv2d[0][0]" (a nested model's
// calls counted from 1, as Keras 2 and TF.js number them).
std::string connection_text(const padlab::ModelSummary& s, const padlab::Connection& c) {
    if (c.layer < 0 || static_cast<std::size_t>(c.layer) >= s.layers.size()) return "?";
    const padlab::LayerSummary& from = s.layers[static_cast<std::size_t>(c.layer)];
    return from.name + "[" + std::to_string(c.node + from.node_offset_keras2) + "][" + std::to_string(c.tensor) + "]";
}

std::vector<std::string> shapes_text(const std::vector<padlab::Shape>& shapes) {
    std::vector<std::string> out;
    for (const auto& s : shapes) out.push_back(padlab::shape_to_python(s));
    return out;
}

// Compares a summary with an "expected" block, whatever fixture it comes from: every row's
// name, class, output shape and params (total / trainable / non-trainable), and the totals;
// plus what the block gives: "input_shape" (Sequential models), "padding" ({before, after} per
// spatial axis, cropping negative), "connected_to" (graph models, rows in Keras's model.layers
// order, which TF.js ports from _map_graph_network), an output shape "multiple" (a shared layer
// whose calls' shapes differ) or a list of shapes (a layer with several outputs).
void check_summary(const padlab::ModelSummary& got, const Json& want) {
    CHECK(got.name == want.at("name").get<std::string>());
    if (want.contains("input_shape")) CHECK(got.input_shape == shape_of(want.at("input_shape")));
    const auto& layers = want.at("layers");
    CHECK(got.layers.size() == layers.size());
    if (got.layers.size() != layers.size()) return;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const auto& w = layers[i];
        const auto& g = got.layers[i];
        INFO("layer " << i << " '" << w.at("name").get<std::string>() << "' (" << w.at("class_name").get<std::string>() << ")");
        CHECK(g.name == w.at("name").get<std::string>());
        CHECK(g.class_name == w.at("class_name").get<std::string>());
        CHECK(g.is_input == (g.class_name == "InputLayer"));
        const Json& shape = w.at("output_shape");
        if (shape == "multiple") {
            CHECK(g.multiple_shapes);
        } else if (!shape.empty() && shape.at(0).is_array()) {
            CHECK_FALSE(g.multiple_shapes);
            std::vector<padlab::Shape> shapes;
            for (const auto& s : shape) shapes.push_back(shape_of(s));
            CHECK(shapes_text(g.output_shapes) == shapes_text(shapes));
        } else {
            CHECK_FALSE(g.multiple_shapes);
            CHECK(g.output_shapes.empty());
            CHECK(padlab::shape_to_python(g.output_shape) == padlab::shape_to_python(shape_of(shape)));
        }
        CHECK(g.params == w.at("params").get<std::int64_t>());
        CHECK(g.trainable_params == w.at("trainable").get<std::int64_t>());
        CHECK(g.non_trainable_params == w.at("non_trainable").get<std::int64_t>());
        if (w.contains("padding")) {
            CHECK(g.padding.has_value());
            if (g.padding) CHECK(*g.padding == pads_of(w.at("padding")));
        }
        if (w.contains("connected_to")) {
            std::vector<std::string> connections;
            for (const auto& c : g.connected_to) connections.push_back(connection_text(got, c));
            CHECK(connections == w.at("connected_to").get<std::vector<std::string>>());
        }
    }
    CHECK(got.total_params == want.at("total_params").get<std::int64_t>());
    CHECK(got.trainable_params == want.at("trainable_params").get<std::int64_t>());
    CHECK(got.non_trainable_params == want.at("non_trainable_params").get<std::int64_t>());
}

// One model source (TF.js's JSON or the case's Python) against the case's "expected".
template <typename Import>
void check_source(const Json& want, bool graph, Import import) {
    try {
        const padlab::ModelSummary got = padlab::summarize(import());
        CHECK(got.graph == graph);
        check_summary(got, want);
    } catch (...) {
        FAIL_CHECK("threw " << describe_exception());
    }
}

void check_ok_case(const Json& c) {
    padlab::ModelSummary got;
    try {
        got = summarize_text(c.at("model"));
    } catch (...) {
        FAIL_CHECK("threw " << describe_exception());
        return;
    }
    check_summary(got, c.at("expected"));
}

// A refused model (rejected.json, keras_contract.json "reject" cases): the error must name the
// layer Keras names and say what Keras says (the case's "error": {layer, message}; message is a
// part of the text, see tests/golden/README.md), not merely be some padlab::Error.
void check_reject_case(const Json& c) {
    const auto& want = c.at("error");
    const std::string want_layer = want.at("layer").get<std::string>();
    const std::string want_text = want.at("message").get<std::string>();
    try {
        const auto got = summarize_text(c.at("model"));
        FAIL_CHECK("accepted; last layer output " << (got.layers.empty() ? "-" : padlab::shape_to_python(got.layers.back().output_shape)));
    } catch (const padlab::Error& e) {
        INFO("got " << e.kind() << ": " << padlab::describe(e));
        CHECK(e.where().layer == want_layer);
        CHECK(std::string(e.what()).find(want_text) != std::string::npos);
    } catch (...) {
        FAIL_CHECK("threw something other than padlab::Error: " << describe_exception());
    }
}

void check_close(const xt::xarray<float>& got, const Json& want) {
    std::vector<std::size_t> want_shape;
    for (const auto& d : want.at("shape")) want_shape.push_back(d.get<std::size_t>());
    const std::vector<std::size_t> got_shape(got.shape().begin(), got.shape().end());
    CHECK(got_shape == want_shape);
    if (got_shape != want_shape) return;
    const auto& data = want.at("data");
    std::size_t bad = 0, first_bad = 0;
    double first_got = 0, first_want = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        const double w = data[i].get<double>(), g = got.data()[i];
        if (!(std::fabs(g - w) <= kAbsTol + kRelTol * std::fabs(w))) {
            if (bad++ == 0) { first_bad = i; first_got = g; first_want = w; }
        }
    }
    INFO(bad << " of " << data.size() << " values off; first at flat index " << first_bad << ": got " << first_got
              << ", want " << first_want);
    CHECK(bad == 0);
}

}  // namespace

TEST_CASE("golden: TF.js Sequential models summarize to the TF.js shapes and params", "[golden]") {
    const Json fx = load_fixture("models.json");
    for (const auto& c : fx.at("cases")) {
        INFO("fixture " << c.at("id").get<std::string>() << " (tests/golden/fixtures/models.json)");
        check_ok_case(c);
    }
}

TEST_CASE("golden: models TF.js refuses to build are refused", "[golden]") {
    const Json fx = load_fixture("rejected.json");
    for (const auto& c : fx.at("cases")) {
        INFO("fixture " << c.at("id").get<std::string>() << " (rejected.json): " << c.at("reason").get<std::string>());
        // The fixture agrees with itself: "failing_layer" (an index) is the layer "error" names.
        const auto& layers = c.at("model").at("config").at("layers");
        const auto index = c.at("failing_layer").get<std::size_t>();
        REQUIRE(index < layers.size());
        CHECK(layers[index].at("config").at("name") == c.at("error").at("layer"));
        check_reject_case(c);
    }
}

TEST_CASE("golden: Keras contract where TF.js departs from Keras", "[golden]") {
    const Json fx = load_fixture("keras_contract.json");
    for (const auto& c : fx.at("cases")) {
        INFO("fixture " << c.at("id").get<std::string>() << " (keras_contract.json): " << c.at("note").get<std::string>());
        if (c.at("expect") == "ok") check_ok_case(c);
        else check_reject_case(c);
    }
}

TEST_CASE("golden: conv_reference matches tf.conv1d/conv2d/conv3d", "[golden]") {
    const Json fx = load_fixture("conv.json");
    for (const auto& c : fx.at("cases")) {
        INFO("fixture " << c.at("id").get<std::string>() << " (conv.json)");
        padlab::ConvOptions opt;
        opt.strides = shape_of(c.at("strides"));
        opt.dilation = shape_of(c.at("dilation"));
        opt.padding = c.at("padding") == "same" ? padlab::Padding::same() : padlab::Padding::valid();
        const xt::xarray<float> bias =
            c.at("bias").is_null() ? xt::xarray<float>::from_shape({0}) : tensor_of(c.at("bias"));
        try {
            check_close(padlab::conv_reference(tensor_of(c.at("input")), tensor_of(c.at("kernel")), bias, opt), c.at("output"));
        } catch (...) {
            FAIL_CHECK("threw " << describe_exception());
        }
    }
}

TEST_CASE("golden: pad matches tf.pad and tf.mirrorPad", "[golden]") {
    const Json fx = load_fixture("pad.json");
    for (const auto& c : fx.at("cases")) {
        INFO("fixture " << c.at("id").get<std::string>() << " (pad.json)");
        const auto mode = padlab::parse_pad_mode(c.at("mode").get<std::string>());
        const float value = c.contains("value") ? c.at("value").get<float>() : 0.0f;
        const auto pads = pads_of(c.at("pads"));
        const auto input = tensor_of(c.at("input"));
        if (c.value("expect", "ok") == "reject") {
            // TF names the axis; PadLab must refuse that axis's pad, for that rule ("error").
            try {
                (void)padlab::pad(input, pads, mode, value);
                FAIL_CHECK("accepted");
            } catch (const padlab::Error& e) {
                INFO("got " << e.kind() << ": " << e.what());
                CHECK(std::string(e.kind()) == "ArgumentError");
                CHECK(std::string(e.what()).find(c.at("error").at("message").get<std::string>()) != std::string::npos);
            } catch (...) {
                FAIL_CHECK("threw something other than padlab::Error: " << describe_exception());
            }
            continue;
        }
        try {
            check_close(padlab::pad(input, pads, mode, value), c.at("output"));
        } catch (...) {
            FAIL_CHECK("threw " << describe_exception());
        }
    }
}


TEST_CASE("golden: TF.js graph models, from their JSON and from tutorial Python", "[golden][graph]") {
    const Json fx = load_fixture("graphs.json");
    for (const auto& c : fx.at("cases")) {
        const std::string id = c.at("id").get<std::string>();
        {
            INFO("fixture " << id << " (graphs.json), from TF.js's model.toJSON()");
            check_source(c.at("expected"), true, [&] { return padlab::import_keras_json(c.at("model").dump()); });
        }
        {
            INFO("fixture " << id << " (graphs.json), from its Python:\n" << c.at("python").get<std::string>());
            check_source(c.at("expected"), true, [&] { return padlab::import_python(c.at("python").get<std::string>()); });
        }
    }
}

// families.json (generate_families.mjs): the text / sequence, activation, noise, preprocessing
// and normalization layers in Sequential and Functional models, from TF.js's JSON and from the
// same model as tutorial Python. "witness": "keras" cases hold Keras's answer where TF.js departs
// (tests/golden/README.md).
TEST_CASE("golden: TF.js layer families, from their JSON and from tutorial Python", "[golden][families]") {
    const Json fx = load_fixture("families.json");
    for (const auto& c : fx.at("cases")) {
        const std::string id = c.at("id").get<std::string>();
        const bool graph = c.at("kind") == "functional";
        {
            INFO("fixture " << id << " (families.json, witness " << c.at("witness").get<std::string>() << "), from its JSON");
            check_source(c.at("expected"), graph, [&] { return padlab::import_keras_json(c.at("model").dump()); });
        }
        {
            INFO("fixture " << id << " (families.json, witness " << c.at("witness").get<std::string>() << "), from its Python:\n"
                            << c.at("python").get<std::string>());
            check_source(c.at("expected"), graph, [&] { return padlab::import_python(c.at("python").get<std::string>()); });
        }
    }
}
