#pragma once
// The saved-model fixtures of tests/fixtures/saved (made by make_fixtures.py, see its README).
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/model/network.hpp"

namespace padlab::test {

inline std::string saved_fixture(const std::string& name) {
    const std::string path = std::string(PADLAB_SOURCE_DIR) + "/tests/fixtures/saved/" + name;
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The weights make_fixtures.py wrote (cnn_weights.json): conv2d kernel, bias; dense kernel, bias.
inline void require_fixture_weights(const std::vector<NetworkWeight>& got) {
    const nlohmann::json want = nlohmann::json::parse(saved_fixture("cnn_weights.json"));
    std::vector<NetworkWeight> expected;
    for (const char* layer : {"conv2d", "dense"})
        for (const auto& w : want[layer])
            expected.push_back(NetworkWeight{layer, w["name"].get<std::string>(), w["shape"].get<Shape>(),
                                             w["data"].get<std::vector<float>>()});
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].layer == expected[i].layer);
        CHECK(got[i].name == expected[i].name);
        CHECK(got[i].shape == expected[i].shape);
        CHECK(got[i].data == expected[i].data);  // exact: the values are binary fractions
    }
}

}  // namespace padlab::test
