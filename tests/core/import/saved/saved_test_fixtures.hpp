#pragma once
// The saved-model fixtures of tests/fixtures/saved (made by make_fixtures.py, see its README).
#include <dirent.h>

#include <algorithm>
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

// Every input kept in tests/fuzz/corpus/<fuzzer>, each as bytes (the fuzzer's regressions,
// replayed here as the Catch2 suites replay the other corpora).
inline std::vector<std::string> fuzz_corpus(const std::string& fuzzer) {
    const std::string dir = std::string(PADLAB_SOURCE_DIR) + "/tests/fuzz/corpus/" + fuzzer;
    std::vector<std::string> names;
    DIR* d = opendir(dir.c_str());
    REQUIRE(d != nullptr);
    while (const dirent* entry = readdir(d))
        if (entry->d_name[0] != '.') names.push_back(entry->d_name);
    closedir(d);
    std::sort(names.begin(), names.end());
    std::vector<std::string> out;
    for (const std::string& n : names) {
        std::ifstream in(dir + "/" + n, std::ios::binary);
        REQUIRE(in);
        std::ostringstream s;
        s << in.rdbuf();
        out.push_back(s.str());
    }
    return out;
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
