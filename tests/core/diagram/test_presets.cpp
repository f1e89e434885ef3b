#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/diagram/diagram.hpp"
#include "core/diagram/presets.hpp"
#include "core/diagram/svg_renderer.hpp"
#include "core/base/errors.hpp"
#include "xml_check.hpp"

using namespace padlab;

TEST_CASE("every preset builds, renders well-formed SVG, and has a unique snake_case name", "[presets]") {
    std::set<std::string> names;
    for (const DiagramPreset& p : diagram_presets()) {
        INFO(p.name);
        CHECK(names.insert(std::string(p.name)).second);
        for (char ch : p.name) CHECK(((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'));
        CHECK_FALSE(p.summary.empty());
        CHECK_FALSE(p.spec.label.empty());
        const Diagram d = make_diagram(p.spec);
        CHECK(xml_check::well_formed(render_svg_step(d, 0)).empty());
        CHECK(xml_check::well_formed(render_svg_animated(d)).empty());
    }
    CHECK(names.size() >= 12);
}

TEST_CASE("the presets show the cases they are named after", "[presets]") {
    SECTION("causal_time_series: input 8, kernel 4, 3 zeros before") {
        const Diagram d = make_diagram(find_diagram_preset("causal_time_series").spec);
        CHECK(d.axes[0].pad_before == 3);
        CHECK(d.axes[0].pad_after == 0);
        CHECK(d.output == Shape{8});
        CHECK(d.spec.values.size() == 8);
    }
    SECTION("reflection_2d: reflect, 5x5 stays 5x5") {
        const Diagram d = make_diagram(find_diagram_preset("reflection_2d").spec);
        CHECK(d.spec.mode == PadMode::Reflect);
        CHECK(d.output == Shape{5, 5});
    }
    SECTION("the seed model's 28x28 layer, valid and same") {
        CHECK(make_diagram(find_diagram_preset("valid_28x28").spec).output == Shape{26, 26});
        CHECK(make_diagram(find_diagram_preset("same_28x28").spec).output == Shape{28, 28});
    }
    SECTION("same_odd_split: pads (0, 1)") {
        const Diagram d = make_diagram(find_diagram_preset("same_odd_split").spec);
        CHECK(d.axes[0].pad_before == 0);
        CHECK(d.axes[0].pad_after == 1);
        CHECK(d.output == Shape{3});
    }
    SECTION("classics") {
        CHECK(make_diagram(find_diagram_preset("stride_2").spec).output == Shape{3, 3});
        CHECK(make_diagram(find_diagram_preset("dilation_2").spec).output == Shape{3, 3});
        CHECK(make_diagram(find_diagram_preset("full_padding").spec).output == Shape{7, 7});
        CHECK(make_diagram(find_diagram_preset("transposed_stride_2").spec).output == Shape{6, 6});
        CHECK(make_diagram(find_diagram_preset("cropping_2d").spec).output == Shape{3, 3});
        CHECK(make_diagram(find_diagram_preset("zero_padding_2d").spec).step_count == 0);
    }
}

TEST_CASE("an unknown preset names the known ones", "[presets]") {
    CHECK_THROWS_AS(find_diagram_preset("nope"), ArgumentError);
    CHECK_THROWS_WITH(find_diagram_preset("nope"), Catch::Contains("causal_time_series"));
}
