#include <catch2/catch.hpp>

#include <string>

#include "core/import/import_model.hpp"
#include "core/model/model.hpp"
#include "core/model/receptive_field.hpp"
#include "core/summary/receptive_field_report.hpp"
#include "core/summary/summary_json.hpp"

namespace {

const char* kSeedSame =
    "model = Sequential()\n"
    "model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=(28, 28, 1), padding='same'))\n"
    "model.add(Conv2D(64, kernel_size=(3, 3), activation='relu', padding='same'))\n"
    "model.add(MaxPooling2D((2, 2)))\n"
    "model.add(Flatten())\n"
    "model.add(Dense(10, activation='softmax'))\n";

}  // namespace

TEST_CASE("the receptive-field table follows the summary's layers", "[receptive_field_report]") {
    const padlab::ModelSpec spec = padlab::import_model(kSeedSame);
    const padlab::ModelSummary model = padlab::summarize(spec);
    const auto fields = padlab::receptive_fields(spec, model);
    // conv2d: r 3, P 1, rows 0 and 27 of 28 read padding: 1 - (26/28)^2 = 13.8%.
    // conv2d_1: r 5, P 2, 4 of 28 per axis: 1 - (24/28)^2 = 26.5%. Pooling 2x2/2: r 6, S 2,
    // P 2, outputs 0 and 13 of 14 touch it: 1 - (12/14)^2 = 26.5%.
    CHECK(padlab::receptive_field_text(model, fields) ==
          "\nReceptive fields (in input positions, per spatial axis):\n"
          "Layer           RF  Jump  Padding  Border-affected  Unread\n"
          "conv2d         3x3   1x1      1x1            13.8%\n"
          "conv2d_1       5x5   1x1      2x2            26.5%\n"
          "max_pooling2d  6x6   2x2      2x2            26.5%\n");
}

TEST_CASE("the JSON record: one entry per axis, null where the spatial mapping ends", "[receptive_field_report]") {
    const padlab::ModelSpec spec = padlab::import_model(kSeedSame);
    const padlab::ModelSummary model = padlab::summarize(spec);
    nlohmann::json j = padlab::summary_json(model);
    padlab::add_receptive_fields(j["layers"], padlab::receptive_fields(spec, model));
    const nlohmann::json& conv = j["layers"][0]["receptive_field"];
    CHECK(conv["size"] == nlohmann::json::array({3, 3}));
    CHECK(conv["stride"] == nlohmann::json::array({1, 1}));
    CHECK(conv["padding"] == nlohmann::json::array({1, 1}));
    CHECK(conv["aligned"] == true);
    CHECK(conv["border_affected"] == nlohmann::json::array({2, 2}));
    CHECK(conv["extra_cell"] == nlohmann::json::array({nullptr, nullptr}));
    CHECK(j["layers"][3]["receptive_field"].is_null());  // Flatten
    CHECK(j["layers"][4]["receptive_field"].is_null());  // Dense
}
