#include <string>

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "core/import/json_positions.hpp"

using namespace padlab;
using padlab::importer::JsonPositions;

TEST_CASE("JsonPositions maps pointers to the offsets of containers", "[json_positions]") {
    const std::string text = R"({"a": {"b": [ {"x": "}{,"}, [1, 2], {"y/z~": {}} ]}, "c": 3})";
    const JsonPositions pos(text);
    CHECK(pos.offset("") == 0);
    CHECK(pos.offset("/a") == text.find("{\"b\""));
    CHECK(pos.offset("/a/b") == text.find('['));
    CHECK(pos.offset("/a/b/0") == text.find("{\"x\""));
    CHECK(pos.offset("/a/b/1") == text.find("[1"));
    CHECK(pos.offset("/a/b/2") == text.find("{\"y"));
    CHECK(pos.offset("/a/b/2/y~1z~0") == text.rfind("{}"));  // RFC 6901 escapes
    CHECK(pos.offset("/c") == JsonPositions::npos);            // scalars are not recorded
    CHECK(pos.offset("/nope") == JsonPositions::npos);
}

TEST_CASE("JsonPositions decodes escaped keys", "[json_positions]") {
    const std::string text = R"({"l\u0061yers": [{}]})";
    CHECK(JsonPositions(text).offset("/layers/0") == text.find("{}"));
}

TEST_CASE("JsonPositions stops recording below max_depth", "[json_positions]") {
    const JsonPositions pos("[[[[]]]]", 2);
    CHECK(pos.offset("/0/0") == 2);
    CHECK(pos.offset("/0/0/0") == JsonPositions::npos);
}

TEST_CASE("check_nesting locates the first bracket too deep", "[json_positions]") {
    CHECK_NOTHROW(JsonPositions::check_nesting("[[\"[[[[[[\"]]", 3));
    try {
        JsonPositions::check_nesting("{\"a\":\n [[[1]]]}", 3);
        FAIL("no error");
    } catch (const ParseError& e) {
        CHECK(std::string(e.what()) == "JSON nested deeper than 3 levels");
        CHECK(e.where().line == 2);
        CHECK(e.where().column == 4);
    }
}
