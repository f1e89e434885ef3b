#include <catch2/catch.hpp>

#include "core/base/names.hpp"

using namespace padlab;

namespace {

enum class Fruit { Apple, Pear, Quince };

const NameTable<Fruit>& fruits(NameCase match) {
    static const NameTable<Fruit> exact(NameCase::Exact, {{Fruit::Apple, "apple", {"pomme"}, "red"},
                                                          {Fruit::Pear, "pear", {}, "green"},
                                                          {Fruit::Quince, "quince", {"coing", "membrillo"}, "yellow"}});
    static const NameTable<Fruit> any(NameCase::Insensitive, exact.entries());
    return match == NameCase::Exact ? exact : any;
}

}  // namespace

TEST_CASE("a name table parses names and aliases and names each value once", "[names]") {
    const auto& t = fruits(NameCase::Exact);
    CHECK(t.names() == std::vector<std::string_view>{"apple", "pear", "quince"});
    CHECK(t.parse("pear") == Fruit::Pear);
    CHECK(t.parse("membrillo") == Fruit::Quince);
    CHECK(t.find("coing")->name == "quince");
    CHECK_FALSE(t.parse("Pear"));
    CHECK_FALSE(t.parse(""));
    CHECK_FALSE(t.parse("pears"));
    CHECK(t.name(Fruit::Apple) == "apple");
    CHECK(t.name(static_cast<Fruit>(7)) == "unknown");
    CHECK(t.require("pear", "fruit") == Fruit::Pear);
    CHECK_THROWS_MATCHES(t.require("fig", "fruit"), ArgumentError,
                         Catch::Message("fruit must be 'apple', 'pear' or 'quince', got 'fig'"));
    // Every name and alias round-trips to its canonical name.
    for (const auto& e : t.entries()) {
        CHECK(t.name(*t.parse(e.name)) == e.name);
        for (auto alias : e.aliases) CHECK(t.name(*t.parse(alias)) == e.name);
    }
}

TEST_CASE("an insensitive table ignores ASCII case only", "[names]") {
    const auto& t = fruits(NameCase::Insensitive);
    CHECK(t.parse("PEAR") == Fruit::Pear);
    CHECK(t.parse("Pomme") == Fruit::Apple);
    CHECK(same_name("Valid", "vALID", NameCase::Insensitive));
    CHECK_FALSE(same_name("Valid", "vALID", NameCase::Exact));
    CHECK_FALSE(same_name("valid", "valid ", NameCase::Insensitive));
}

TEST_CASE("names are listed for messages and help texts", "[names]") {
    CHECK(quoted_choices({"A", "B", "C"}) == "'A', 'B' or 'C'");
    CHECK(quoted_choices({"keras2", "keras3"}) == "'keras2' or 'keras3'");
    CHECK(quoted_choices({"conv"}) == "'conv'");
    CHECK(quoted_choices({}).empty());
    CHECK(quoted_choices({"a", "b", "c"}, ", ") == "'a', 'b', 'c'");
    CHECK(fruits(NameCase::Exact).listing() == "apple (or pomme), pear, quince (or coing, membrillo)");
}

TEST_CASE("names joined for prose", "[names]") {
    CHECK(joined_names({"linear", "relu", "tanh"}) == "linear, relu, tanh");
    CHECK(joined_names({"linear", "relu", "tanh"}, " and ") == "linear, relu and tanh");
    CHECK(joined_names({"x"}) == "x");
}
