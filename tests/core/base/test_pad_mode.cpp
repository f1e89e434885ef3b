#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "core/base/pad_mode.hpp"

using namespace padlab;

TEST_CASE("the pad mode vocabulary: five modes, three aliases, any case, constant first", "[pad_mode]") {
    const auto& v = pad_mode_vocabulary();
    CHECK(v.names() == std::vector<std::string_view>{"constant", "reflect", "symmetric", "replicate", "circular"});
    CHECK(v.match() == NameCase::Insensitive);
    CHECK(v.entries()[0].value == PadMode::Constant);  // the default everywhere (ConvOptions, DiagramSpec)
    for (const auto& e : v.entries()) {
        CHECK(to_string(parse_pad_mode(e.name)) == e.name);
        CHECK(!e.description.empty());
        for (auto alias : e.aliases) CHECK(parse_pad_mode(alias) == e.value);
    }
    CHECK(parse_pad_mode("WRAP") == PadMode::Circular);
    CHECK(v.listing() == "constant (or zeros), reflect, symmetric, replicate (or edge), circular (or wrap)");
    CHECK_THROWS_WITH(parse_pad_mode("mirror"), "Unknown padding mode 'mirror'. Valid modes: " + v.listing());
}
