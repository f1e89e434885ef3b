#include "core/summary/summary_style.hpp"

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "core/summary/summary_keras3.hpp"
#include "tests/core/summary/summary_fixtures.hpp"

using namespace padlab;

TEST_CASE("summary styles by name: keras2 (the default) and keras3, exact", "[summary_style]") {
    const auto& v = summary_style_vocabulary();
    CHECK(v.names() == std::vector<std::string_view>{"keras2", "keras3"});
    CHECK(v.entries()[0].value == SummaryFormat{}.style);
    for (const auto& e : v.entries()) {
        CHECK(to_string(parse_summary_style(e.name)) == e.name);
        CHECK(!e.description.empty());
    }
    CHECK_THROWS_WITH(parse_summary_style("keras4"), "style must be 'keras2' or 'keras3', got 'keras4'. Did you mean 'keras2'?");
    CHECK_THROWS_AS(parse_summary_style("Keras2"), ArgumentError);
}

TEST_CASE("Keras 2 eras by name: A (the default), B, C, exact", "[summary_style]") {
    const auto& v = keras2_era_vocabulary();
    CHECK(v.names() == std::vector<std::string_view>{"A", "B", "C"});
    CHECK(v.entries()[0].value == SummaryFormat{}.era);
    CHECK(parse_keras2_era("B") == Keras2Era::B);
    for (const auto& e : v.entries()) CHECK(to_string(parse_keras2_era(e.name)) == e.name);
    CHECK_THROWS_WITH(parse_keras2_era("D"), "era must be 'A', 'B' or 'C', got 'D'");
    CHECK_THROWS_AS(parse_keras2_era("b"), ArgumentError);
}

TEST_CASE("summary_text prints the chosen style", "[summary_style]") {
    const ModelSummary model = test::blog_model(false);
    CHECK(summary_text(model, {}) == summary_keras2(model, Keras2Era::A));
    CHECK(summary_text(model, {SummaryStyle::Keras2, Keras2Era::C, 76}) == summary_keras2(model, Keras2Era::C));
    CHECK(summary_text(model, {SummaryStyle::Keras3, Keras2Era::A, 88}) == summary_keras3(model, 88));
}
