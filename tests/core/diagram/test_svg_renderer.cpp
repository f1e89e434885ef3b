#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/diagram/diagram.hpp"
#include "core/diagram/svg_renderer.hpp"
#include "core/base/errors.hpp"
#include "xml_check.hpp"

using namespace padlab;

namespace {

Diagram causal_diagram(std::string label = "") {
    DiagramSpec s;
    s.input = {8};
    s.kernel = {4};
    s.padding = Padding::causal();
    s.values = {3, 5, 4, 6, 8, 7, 9, 10};
    s.label = std::move(label);
    return make_diagram(s);
}

Diagram reflect_2d() {
    DiagramSpec s;
    s.input = {5, 5};
    s.kernel = {3, 3};
    s.padding = Padding::same();
    s.mode = PadMode::Reflect;
    return make_diagram(s);
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("xml_escape escapes markup and replaces bytes XML cannot carry", "[svg]") {
    CHECK(xml_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;");
    CHECK(xml_escape("tab\tok\n") == "tab\tok\n");
    CHECK(xml_escape(std::string("nul\0x", 5)) == "nul\xEF\xBF\xBDx");
    CHECK(xml_escape("\x01") == "\xEF\xBF\xBD");
    CHECK(xml_escape("\xff") == "\xEF\xBF\xBD");           // not UTF-8
    CHECK(xml_escape("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
    CHECK(xml_escape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
    CHECK(xml_escape("\xE2\x8C\x88 \xF0\x9F\x98\x80") == "\xE2\x8C\x88 \xF0\x9F\x98\x80");  // ⌈ and an emoji pass
}

TEST_CASE("the in-test XML checker rejects what it should", "[svg]") {
    CHECK(xml_check::well_formed("<a x=\"1\"><b/>t&amp;</a>").empty());
    CHECK_FALSE(xml_check::well_formed("<a><b></a>").empty());
    CHECK_FALSE(xml_check::well_formed("<a>x < y</a>").empty());
    CHECK_FALSE(xml_check::well_formed("<a x=\"<\"/>").empty());
    CHECK_FALSE(xml_check::well_formed("<a>&bogus;</a>").empty());
    CHECK_FALSE(xml_check::well_formed("<a/><b/>").empty());
    CHECK_FALSE(xml_check::well_formed("<a x=\"1\" x=\"2\"/>").empty());
    CHECK_FALSE(xml_check::well_formed("<a>\x01</a>").empty());
}

TEST_CASE("a static step is a well-formed, accessible SVG", "[svg]") {
    const Diagram d = causal_diagram("conv1d (Conv1D)");
    const std::string svg = render_svg_step(d, 2);
    CHECK(xml_check::well_formed(svg).empty());
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"", 0) == 0);
    CHECK(svg.find(" viewBox=\"0 0 ") != std::string::npos);
    CHECK(svg.find(" role=\"img\"") != std::string::npos);
    CHECK(svg.find("<title id=\"pl-title\">conv1d (Conv1D), step 3 of 8</title>") != std::string::npos);
    CHECK(svg.find("<desc id=\"pl-desc\">") != std::string::npos);
    CHECK(svg.find("step 3 of 8: y2 reads 1 padding + x0 \u2026 x2") != std::string::npos);
    CHECK(svg.find("out = \u2308(8 + 3 + 0 \u2212 4 + 1) / 1\u2309 = 8") != std::string::npos);
    // Values fit and are drawn; no animation in a static step; dark variant present.
    CHECK(svg.find(">10</text>") != std::string::npos);
    CHECK(svg.find("@keyframes") == std::string::npos);
    CHECK(svg.find("@media (prefers-color-scheme:dark)") != std::string::npos);
    CHECK(svg.find("<script") == std::string::npos);
}

TEST_CASE("the animation is CSS only and stops under reduced motion", "[svg]") {
    const Diagram d = causal_diagram();
    const std::string svg = render_svg_animated(d);
    CHECK(xml_check::well_formed(svg).empty());
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("@keyframes pl-show") != std::string::npos);
    CHECK(svg.find("@media (prefers-reduced-motion:reduce)") != std::string::npos);
    // One frame group per step, each starting one step later (beam group + overlay group).
    CHECK(count(svg, "class=\"pl-fr pl-f") == 2 * 8);
    CHECK(svg.find("style=\"animation-delay:0.8s\"") != std::string::npos);
    CHECK(svg.find("step 8 of 8") != std::string::npos);
}

TEST_CASE("rendering is deterministic", "[svg]") {
    const Diagram d = reflect_2d();
    CHECK(render_svg_step(d, 4) == render_svg_step(reflect_2d(), 4));
    CHECK(render_svg_animated(d) == render_svg_animated(reflect_2d()));
}

TEST_CASE("hostile text is escaped, never markup", "[svg]") {
    const std::string hostile = "<script>alert('x')</script>&amp;\"\x01\xff]]>";
    const Diagram d = causal_diagram(hostile);
    SvgOptions o;
    for (const std::string& svg : {render_svg_step(d, 0), render_svg_animated(d)}) {
        CHECK(xml_check::well_formed(svg).empty());
        CHECK(svg.find("<script") == std::string::npos);
        CHECK(svg.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;&amp;amp;&quot;") != std::string::npos);
    }
    o.title = "</title><g onload=\"x\">";
    const std::string svg = render_svg_step(d, 0, o);
    CHECK(xml_check::well_formed(svg).empty());
    CHECK(svg.find("<g onload") == std::string::npos);
}

TEST_CASE("ids and classes take the prefix; bad prefixes are refused", "[svg]") {
    SvgOptions o;
    o.id_prefix = "dg7";
    const std::string svg = render_svg_animated(reflect_2d(), o);
    CHECK(xml_check::well_formed(svg).empty());
    CHECK(svg.find("pl-") == std::string::npos);
    CHECK(svg.find("url(#dg7-ps)") != std::string::npos);
    o.id_prefix = "a b";
    CHECK_THROWS_AS(render_svg_step(reflect_2d(), 0, o), ArgumentError);
    o.id_prefix = "9x";
    CHECK_THROWS_AS(render_svg_step(reflect_2d(), 0, o), ArgumentError);
}

TEST_CASE("reflect padding marks where copied values come from", "[svg]") {
    const std::string svg = render_svg_step(reflect_2d(), 0);
    CHECK(xml_check::well_formed(svg).empty());
    // The corner pad cell (0, 0) copies input (1, 1); its label says so, and the window's
    // copied values ring their sources.
    CHECK(svg.find(">1,1</text>") != std::string::npos);
    CHECK(svg.find("class=\"pl-ring\"") != std::string::npos);
    CHECK(svg.find("padding: reflect") != std::string::npos);
    // 1D: arcs from the source cells.
    DiagramSpec s;
    s.input = {5};
    s.kernel = {5};
    s.padding = Padding::same();
    s.mode = PadMode::Reflect;
    const std::string row = render_svg_step(make_diagram(s), 0);
    CHECK(count(row, "marker-end=\"url(#pl-arrow)\"") == 2);
    CHECK(row.find(">x2</text>") != std::string::npos);
}

TEST_CASE("big grids are cropped and the caption says so", "[svg]") {
    DiagramSpec s;
    s.input = {28, 28};
    s.kernel = {3, 3};
    s.padding = Padding::same();
    const Diagram d = make_diagram(s);
    const std::string svg = render_svg_step(d, 400);
    CHECK(xml_check::well_formed(svg).empty());
    CHECK(svg.find("showing 16 of 30 rows, 16 of 30 columns of the padded input") != std::string::npos);
    const std::string anim = render_svg_animated(d);
    CHECK(xml_check::well_formed(anim).empty());
    CHECK(anim.find("animating 48 of 784 steps") != std::string::npos);
    // A 224x224 layer renders quickly and stays small: only the view is drawn.
    s.input = {224, 224};
    const std::string big = render_svg_animated(make_diagram(s));
    CHECK(big.size() < 400000);
    // Even 16M steps: the animation only looks at the steps near the start.
    s.input = {4096, 4096};
    CHECK(xml_check::well_formed(render_svg_animated(make_diagram(s))).empty());
    DiagramSpec wide;
    wide.input = {60000};
    wide.kernel = {30000};
    CHECK(xml_check::well_formed(render_svg_animated(make_diagram(wide))).empty());
}

TEST_CASE("padding-only, pooling, transposed and 3D diagrams render", "[svg]") {
    DiagramSpec pad;
    pad.input = {4, 4};
    pad.padding = Padding::explicit_pads({{1, 1}, {2, 2}});
    const Diagram p = make_diagram(pad);
    CHECK(xml_check::well_formed(render_svg_step(p, 0)).empty());
    CHECK(render_svg_animated(p) == render_svg_step(p, 0));
    CHECK_THROWS_AS(render_svg_step(p, 1), ArgumentError);

    DiagramSpec pool;
    pool.input = {5, 5};
    pool.kernel = {2, 2};
    pool.op = WindowOp::Pool;
    pool.padding = Padding::same();
    const std::string ps = render_svg_step(make_diagram(pool), 8);
    CHECK(xml_check::well_formed(ps).empty());
    CHECK(ps.find("padding (ignored by pooling)") != std::string::npos);

    DiagramSpec t;
    t.input = {3};
    t.kernel = {3};
    t.strides = {2};
    t.op = WindowOp::ConvTranspose;
    const std::string ts = render_svg_animated(make_diagram(t));
    CHECK(xml_check::well_formed(ts).empty());
    CHECK(ts.find("zero inserted by the stride") != std::string::npos);

    DiagramSpec c3;
    c3.input = {3, 4, 4};
    c3.kernel = {3, 3, 3};
    c3.padding = Padding::same();
    const Diagram d3 = make_diagram(c3);
    CHECK(xml_check::well_formed(render_svg_step(d3, 5)).empty());
    CHECK(xml_check::well_formed(render_svg_animated(d3)).empty());
    CHECK_THROWS_AS(render_svg_step(d3, 48), ArgumentError);
}

TEST_CASE("values that do not fit are left out", "[svg]") {
    DiagramSpec s;
    s.input = {3};
    s.kernel = {2};
    s.values = {1.0f, 123456.789f, -0.5f};
    const std::string svg = render_svg_step(make_diagram(s), 0);
    CHECK(xml_check::well_formed(svg).empty());
    CHECK(svg.find(">\u22120.5</text>") != std::string::npos);
    CHECK(svg.find("123456") == std::string::npos);
}

TEST_CASE("a pinned theme draws a static step with presentation attributes and no <style>", "[svg]") {
    const Diagram d = reflect_2d();
    SvgOptions light;
    light.theme = SvgTheme::Light;
    const std::string svg = render_svg_step(d, 6, light);
    CHECK(xml_check::well_formed(svg).empty());
    CHECK(svg.find("<style") == std::string::npos);
    CHECK(svg.find(" class=\"") == std::string::npos);
    CHECK(svg.find(" style=\"") == std::string::npos);  // style="" is blocked by a strict CSP too
    // Input cells in the light palette's input colours; the background white.
    CHECK(svg.find("fill=\"#dbeafe\" stroke=\"#60a5fa\"") != std::string::npos);
    CHECK(svg.find("<rect x=\"0\" y=\"0\"") != std::string::npos);
    CHECK(svg.find("fill=\"#ffffff\"") != std::string::npos);
    SvgOptions dark;
    dark.theme = SvgTheme::Dark;
    const std::string night = render_svg_step(d, 6, dark);
    CHECK(xml_check::well_formed(night).empty());
    CHECK(night.find("fill=\"#1e3a5f\" stroke=\"#3b82f6\"") != std::string::npos);
    CHECK(night.find("#dbeafe") == std::string::npos);
    // Auto keeps the stylesheet with both palettes; the animation always needs its stylesheet.
    CHECK(render_svg_step(d, 6).find("@media (prefers-color-scheme:dark)") != std::string::npos);
    const std::string anim = render_svg_animated(d, dark);
    CHECK(anim.find("@keyframes") != std::string::npos);
    CHECK(anim.find("@media (prefers-color-scheme:dark)") == std::string::npos);
    CHECK(anim.find("#1e3a5f") != std::string::npos);
    CHECK(parse_svg_theme("dark") == SvgTheme::Dark);
    CHECK(to_string(SvgTheme::Light) == "light");
    CHECK_THROWS_AS(parse_svg_theme("sepia"), ArgumentError);
}

TEST_CASE("a static step carries the hooks a page needs: cells, outputs, pointer events", "[svg]") {
    const Diagram d = causal_diagram();
    const std::string svg = render_svg_step(d, 0);
    // 3 padding cells then the 8 inputs; 8 outputs, each naming its step.
    CHECK(count(svg, " data-pos=\"") == 11);
    CHECK(count(svg, " data-kind=\"pad\"") == 3);
    CHECK(count(svg, " data-kind=\"input\"") == 8);
    CHECK(svg.find("<g data-pos=\"0\" data-kind=\"pad\"") != std::string::npos);
    CHECK(count(svg, " data-out=\"") == 8);
    CHECK(svg.find(" data-out=\"5\" data-step=\"5\"") != std::string::npos);
    // Only cells take pointer events; overlays and text let them through.
    CHECK(svg.find("pointer-events=\"none\"") != std::string::npos);
    CHECK(count(svg, "pointer-events=\"visiblePainted\"") == 11 + 8);
    // The animation has no hooks (it is a picture, not a control).
    CHECK(render_svg_animated(d).find(" data-pos=") == std::string::npos);
}

TEST_CASE("a highlight marks the receptive field of one output", "[svg]") {
    const Diagram d = causal_diagram();
    SvgOptions o;
    o.highlight = 5;  // y5 reads padded cells 5..8 = x2..x5
    const std::string svg = render_svg_step(d, 0, o);
    CHECK(xml_check::well_formed(svg).empty());
    CHECK(count(svg, " data-rf=\"\"") == 4);
    for (const char* pos : {"5", "6", "7", "8"})
        CHECK(svg.find("data-pos=\"" + std::string(pos) + "\" data-kind=\"input\" data-rf=\"\"") != std::string::npos);
    CHECK(svg.find("data-out=\"5\" data-step=\"5\" data-hover=\"\"") != std::string::npos);
    CHECK(count(svg, "class=\"pl-rf\"") == 4);
    CHECK(svg.find("receptive field of the hovered output") != std::string::npos);
    CHECK(render_svg_step(d, 0).find("data-rf") == std::string::npos);
    o.highlight = 8;
    CHECK_THROWS_AS(render_svg_step(d, 0, o), ArgumentError);
}

TEST_CASE("a view hint keeps a cropped view while the window stays inside it", "[svg]") {
    DiagramSpec s;
    s.input = {28, 28};
    s.kernel = {3, 3};
    const Diagram d = make_diagram(s);
    // Centred on step 0 the view starts at 0; at step 10 (window at column 10) a centred view
    // moves, a kept view does not.
    SvgOptions o;
    CHECK(render_svg_picture(d, 10, o).view[1][0] == 3);
    o.view_hint = {0, 0};
    o.output_view_hint = {0, 0};
    SvgPicture kept = render_svg_picture(d, 10, o);
    CHECK(kept.view[1][0] == 0);
    CHECK(kept.view[1][1] == 16);
    CHECK(kept.output_view[1][0] == 0);
    // Step 14 reads columns 14..16: the view moves by one, just enough.
    kept = render_svg_picture(d, 14, o);
    CHECK(kept.view[1][0] == 1);
    CHECK(kept.view[0][0] == 0);
}

TEST_CASE("an unlabelled diagram is titled with its Keras call", "[svg]") {
    CHECK(render_svg_step(causal_diagram(), 0).find("<title id=\"pl-title\">Conv1D(kernel_size=4, padding=&apos;causal&apos;), step 1 of 8") !=
          std::string::npos);
    CHECK(render_svg_step(reflect_2d(), 0).find("reflect padding + Conv2D(kernel_size=(3, 3), padding=&apos;same&apos;)") !=
          std::string::npos);
    DiagramSpec pool;
    pool.input = {4, 4};
    pool.kernel = {2, 2};
    pool.strides = {2, 2};
    pool.op = WindowOp::Pool;
    CHECK(render_svg_step(make_diagram(pool), 0).find(">MaxPooling2D(pool_size=(2, 2))</text>") != std::string::npos);
}
