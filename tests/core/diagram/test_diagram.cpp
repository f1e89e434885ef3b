#include <catch2/catch.hpp>

#include "core/diagram/diagram.hpp"
#include "core/base/errors.hpp"

using namespace padlab;

namespace {

DiagramSpec spec_1d(Dim n, Shape kernel, Padding padding, PadMode mode = PadMode::Constant) {
    DiagramSpec s;
    s.input = {n};
    s.kernel = std::move(kernel);
    s.padding = std::move(padding);
    s.mode = mode;
    return s;
}

// The values of a 1D grid, left to right.
std::vector<float> row_values(const Diagram& d) {
    std::vector<float> out;
    for (const auto& c : diagram_cells(d)) out.push_back(c.value);
    return out;
}

// Source input index per cell of a 1D grid (-1 for constants and gaps).
std::vector<Dim> row_sources(const Diagram& d) {
    std::vector<Dim> out;
    for (const auto& c : diagram_cells(d)) out.push_back(c.source.empty() ? -1 : c.source[0]);
    return out;
}

// 'I' input, 'P' pad, 'G' gap, 'C' cropped.
std::string row_kinds(const Diagram& d) {
    std::string out;
    for (const auto& c : diagram_cells(d)) {
        switch (c.kind) {
            case CellKind::Input: out += 'I'; break;
            case CellKind::Pad: out += 'P'; break;
            case CellKind::Gap: out += 'G'; break;
            case CellKind::Cropped: out += 'C'; break;
        }
    }
    return out;
}

// First coordinate of every tap of a 1D step.
std::vector<Dim> taps(const Diagram& d, std::size_t step) {
    std::vector<Dim> out;
    for (const auto& t : diagram_step(d, step).window) out.push_back(t[0]);
    return out;
}

DiagramSpec pad_only_1d(std::vector<float> values, Pad pad, PadMode mode) {
    DiagramSpec s;
    s.input = {static_cast<Dim>(values.size())};
    s.values = std::move(values);
    s.padding = Padding::explicit_pads({pad});
    s.mode = mode;
    return s;
}

}  // namespace

TEST_CASE("each padding mode fills [1,2,3] padded by 2 from the right source cells", "[diagram]") {
    SECTION("reflect") {
        Diagram d = make_diagram(pad_only_1d({1, 2, 3}, {2, 2}, PadMode::Reflect));
        CHECK(row_values(d) == std::vector<float>{3, 2, 1, 2, 3, 2, 1});
        CHECK(row_sources(d) == std::vector<Dim>{2, 1, 0, 1, 2, 1, 0});
        CHECK(row_kinds(d) == "PPIIIPP");
    }
    SECTION("symmetric") {
        Diagram d = make_diagram(pad_only_1d({1, 2, 3}, {2, 2}, PadMode::Symmetric));
        CHECK(row_values(d) == std::vector<float>{2, 1, 1, 2, 3, 3, 2});
        CHECK(row_sources(d) == std::vector<Dim>{1, 0, 0, 1, 2, 2, 1});
    }
    SECTION("replicate") {
        Diagram d = make_diagram(pad_only_1d({1, 2, 3}, {2, 2}, PadMode::Replicate));
        CHECK(row_values(d) == std::vector<float>{1, 1, 1, 2, 3, 3, 3});
        CHECK(row_sources(d) == std::vector<Dim>{0, 0, 0, 1, 2, 2, 2});
    }
    SECTION("circular") {
        Diagram d = make_diagram(pad_only_1d({1, 2, 3}, {2, 2}, PadMode::Circular));
        CHECK(row_values(d) == std::vector<float>{2, 3, 1, 2, 3, 1, 2});
        CHECK(row_sources(d) == std::vector<Dim>{1, 2, 0, 1, 2, 0, 1});
    }
    SECTION("constant, with a value") {
        DiagramSpec s = pad_only_1d({1, 2, 3}, {2, 1}, PadMode::Constant);
        s.pad_value = 0.5f;
        Diagram d = make_diagram(s);
        CHECK(row_values(d) == std::vector<float>{0.5f, 0.5f, 1, 2, 3, 0.5f});
        CHECK(row_sources(d) == std::vector<Dim>{-1, -1, 0, 1, 2, -1});
        CHECK(d.step_count == 0);
        CHECK(d.output == Shape{6});
        CHECK(d.formula == "out = 3 + 2 + 1 = 6");
    }
}

TEST_CASE("reflect padding beyond the mode's limit is refused", "[diagram]") {
    CHECK_THROWS_AS(make_diagram(pad_only_1d({1, 2, 3}, {3, 0}, PadMode::Reflect)), ArgumentError);
    // 'same' with kernel 7 on 3 cells needs 3 on each side: too much to reflect.
    CHECK_THROWS_AS(make_diagram(spec_1d(3, {7}, Padding::same(), PadMode::Reflect)), ArgumentError);
}

TEST_CASE("causal k=4: output t reads padded t..t+3, which are inputs t-3..t", "[diagram]") {
    Diagram d = make_diagram(spec_1d(8, {4}, Padding::causal()));
    CHECK(d.grid == Shape{11});
    CHECK(d.offset == Shape{3});
    CHECK(d.output == Shape{8});
    CHECK(d.step_count == 8);
    CHECK(row_kinds(d) == "PPPIIIIIIII");
    CHECK(d.formula == "out = \u2308(8 + 3 + 0 \u2212 4 + 1) / 1\u2309 = 8");
    for (std::size_t t = 0; t < 8; ++t) {
        const Dim tt = static_cast<Dim>(t);
        CHECK(taps(d, t) == std::vector<Dim>{tt, tt + 1, tt + 2, tt + 3});
        // The newest input read is t itself: nothing from the future.
        const auto last = diagram_cell(d, {tt + 3});
        REQUIRE(last.kind == CellKind::Input);
        CHECK(last.source == Shape{tt});
    }
    CHECK(taps(d, 0) == std::vector<Dim>{0, 1, 2, 3});
    CHECK(diagram_cell(d, {0}).value == 0.0f);
    CHECK(diagram_cell(d, {3}).value == 1.0f);  // default values are 1..n
}

TEST_CASE("same with an odd total puts the extra cell after", "[diagram]") {
    SECTION("input 5, kernel 2, stride 2 -> pads (0, 1)") {
        Diagram d = make_diagram(spec_1d(5, {2}, Padding::same()));
        DiagramSpec s = d.spec;
        CHECK(s.strides == Shape{1});
        DiagramSpec strided = spec_1d(5, {2}, Padding::same());
        strided.strides = {2};
        Diagram e = make_diagram(strided);
        CHECK(e.axes[0].pad_before == 0);
        CHECK(e.axes[0].pad_after == 1);
        CHECK(row_kinds(e) == "IIIIIP");
        CHECK(e.output == Shape{3});
        CHECK(taps(e, 0) == std::vector<Dim>{0, 1});
        CHECK(taps(e, 1) == std::vector<Dim>{2, 3});
        CHECK(taps(e, 2) == std::vector<Dim>{4, 5});
        CHECK(e.formula == "out = \u2308(5 + 0 + 1 \u2212 2 + 1) / 2\u2309 = 3");
        REQUIRE(e.notes.size() >= 1);
        CHECK(e.notes[0].find("extra cell goes after") != std::string::npos);
    }
    SECTION("input 8, kernel 4, stride 1 -> pads (1, 2)") {
        Diagram d = make_diagram(spec_1d(8, {4}, Padding::same()));
        CHECK(row_kinds(d) == "PIIIIIIIIPP");
        CHECK(taps(d, 7) == std::vector<Dim>{7, 8, 9, 10});
    }
}

TEST_CASE("dilation leaves gaps between taps", "[diagram]") {
    DiagramSpec s = spec_1d(7, {3}, Padding::valid());
    s.dilation = {2};
    Diagram d = make_diagram(s);
    CHECK(d.output == Shape{3});
    CHECK(taps(d, 0) == std::vector<Dim>{0, 2, 4});
    CHECK(taps(d, 2) == std::vector<Dim>{2, 4, 6});
    CHECK(d.notes[0] == "dilation spreads the kernel: dk = 2\u00b7(3 \u2212 1) + 1 = 5");
    CHECK(d.formula == "out = \u2308(7 + 0 + 0 \u2212 5 + 1) / 1\u2309 = 3");
}

TEST_CASE("stride moves the window and can skip the tail", "[diagram]") {
    DiagramSpec s = spec_1d(8, {3}, Padding::valid());
    s.strides = {2};
    Diagram d = make_diagram(s);
    CHECK(d.output == Shape{3});
    CHECK(taps(d, 0) == std::vector<Dim>{0, 1, 2});
    CHECK(taps(d, 1) == std::vector<Dim>{2, 3, 4});
    CHECK(taps(d, 2) == std::vector<Dim>{4, 5, 6});
    std::vector<bool> read;
    for (const auto& c : diagram_cells(d)) read.push_back(c.read);
    CHECK(read == std::vector<bool>{true, true, true, true, true, true, true, false});
}

TEST_CASE("full padding pads dk-1 on both sides", "[diagram]") {
    Diagram d = make_diagram(spec_1d(3, {3}, Padding::full()));
    CHECK(row_kinds(d) == "PPIIIPP");
    CHECK(d.output == Shape{5});
    CHECK(taps(d, 4) == std::vector<Dim>{4, 5, 6});
}

TEST_CASE("explicit pads", "[diagram]") {
    Diagram d = make_diagram(spec_1d(4, {3}, Padding::explicit_pads({{2, 1}}), PadMode::Replicate));
    CHECK(row_values(d) == std::vector<float>{1, 1, 1, 2, 3, 4, 4});
    CHECK(d.output == Shape{5});
    CHECK(d.formula == "out = \u2308(4 + 2 + 1 \u2212 3 + 1) / 1\u2309 = 5");
}

TEST_CASE("2D reflect: the padded grid and its sources", "[diagram]") {
    DiagramSpec s;
    s.input = {3, 3};
    s.kernel = {3};  // broadcast to 3x3
    s.padding = Padding::same();
    s.mode = PadMode::Reflect;
    Diagram d = make_diagram(s);
    CHECK(d.spec.kernel == Shape{3, 3});
    CHECK(d.grid == Shape{5, 5});
    // Input 1..9 row-major, reflected by 1 on every side.
    const std::vector<std::vector<float>> expected = {
        {5, 4, 5, 6, 5},
        {2, 1, 2, 3, 2},
        {5, 4, 5, 6, 5},
        {8, 7, 8, 9, 8},
        {5, 4, 5, 6, 5},
    };
    for (Dim r = 0; r < 5; ++r)
        for (Dim c = 0; c < 5; ++c) CHECK(diagram_cell(d, {r, c}).value == expected[r][c]);
    const auto corner = diagram_cell(d, {0, 0});
    CHECK(corner.kind == CellKind::Pad);
    CHECK(corner.source == Shape{1, 1});
    CHECK(d.formula == "out = \u2308(3 + 1 + 1 \u2212 3 + 1) / 1\u2309 = 3 (each axis)");
    CHECK(d.step_count == 9);
    const auto st = diagram_step(d, 5);  // row-major: output (1, 2)
    CHECK(st.output == Shape{1, 2});
    CHECK(st.origin == Shape{1, 2});
    REQUIRE(st.window.size() == 9);
    CHECK(st.window.front() == Shape{1, 2});
    CHECK(st.window[1] == Shape{1, 3});
    CHECK(st.window.back() == Shape{3, 4});
    CHECK(receptive_field(d, {1, 2}) == st.window);
    CHECK(step_index(d, {2, 0}) == 6);
}

TEST_CASE("2D axes that differ get one formula each", "[diagram]") {
    DiagramSpec s;
    s.input = {5, 6};
    s.kernel = {3, 2};
    s.strides = {1, 2};
    s.padding = Padding::valid();
    Diagram d = make_diagram(s);
    CHECK(d.output == Shape{3, 3});
    CHECK(d.formula == "rows: out = \u2308(5 + 0 + 0 \u2212 3 + 1) / 1\u2309 = 3; cols: out = \u2308(6 + 0 + 0 \u2212 2 + 1) / 2\u2309 = 3");
}

TEST_CASE("pooling: strides default to the pool size and padding is ignored", "[diagram]") {
    DiagramSpec s;
    s.input = {5, 5};
    s.kernel = {2, 2};
    s.padding = Padding::same();
    s.op = WindowOp::Pool;
    Diagram d = make_diagram(s);
    CHECK(d.spec.strides == Shape{2, 2});
    CHECK(d.output == Shape{3, 3});
    CHECK(d.grid == Shape{6, 6});
    CHECK(d.pads_ignored);
    const auto st = diagram_step(d, 8);
    CHECK(st.window == std::vector<Shape>{{4, 4}, {4, 5}, {5, 4}, {5, 5}});
    CHECK(diagram_cell(d, {5, 5}).kind == CellKind::Pad);
}

TEST_CASE("transposed conv: inputs spread by the stride, zero gaps between", "[diagram]") {
    DiagramSpec s = spec_1d(3, {3}, Padding::valid());
    s.strides = {2};
    s.op = WindowOp::ConvTranspose;
    Diagram d = make_diagram(s);
    CHECK(d.output == Shape{7});  // Keras: L*s + max(dk - s, 0)
    CHECK(row_kinds(d) == "PPIGIGIPP");
    CHECK(row_sources(d) == std::vector<Dim>{-1, -1, 0, -1, 1, -1, 2, -1, -1});
    CHECK(taps(d, 1) == std::vector<Dim>{1, 2, 3});  // stride 1 over the spread grid
    CHECK(d.formula == "out = (3 \u2212 1)\u00b72 + 3 = 7");
    SECTION("same crops (dk - s) = 1, the extra after") {
        s.padding = Padding::same();
        Diagram e = make_diagram(s);
        CHECK(e.output == Shape{6});
        CHECK(row_kinds(e) == "PPIGIGIP");
        CHECK(e.formula == "out = (3 \u2212 1)\u00b72 + 3 \u2212 1 = 6");
    }
}

TEST_CASE("cropping marks the removed cells", "[diagram]") {
    DiagramSpec s;
    s.input = {5};
    s.padding = Padding::explicit_pads({{-1, -2}});
    Diagram d = make_diagram(s);
    CHECK(d.grid == Shape{5});
    CHECK(d.output == Shape{2});
    CHECK(row_kinds(d) == "CIICC");
    CHECK(d.formula == "out = 5 \u2212 1 \u2212 2 = 2");
    s.padding = Padding::explicit_pads({{-3, -2}});
    CHECK_THROWS_AS(make_diagram(s), ArgumentError);
}

TEST_CASE("3D: windows span depth slices", "[diagram]") {
    DiagramSpec s;
    s.input = {2, 3, 3};
    s.kernel = {2, 2, 2};
    s.padding = Padding::valid();
    Diagram d = make_diagram(s);
    CHECK(d.output == Shape{1, 2, 2});
    CHECK(d.step_count == 4);
    const auto st = diagram_step(d, 3);
    CHECK(st.output == Shape{0, 1, 1});
    CHECK(st.window.size() == 8);
    CHECK(st.window.front() == Shape{0, 1, 1});
    CHECK(st.window.back() == Shape{1, 2, 2});
    CHECK(diagram_cell(d, {1, 2, 2}).value == 18.0f);
}

TEST_CASE("bad specs are refused with typed errors", "[diagram]") {
    CHECK_THROWS_AS(make_diagram(spec_1d(kNone, {3}, Padding::same())), ShapeError);
    CHECK_THROWS_AS(make_diagram(spec_1d(0, {3}, Padding::same())), ShapeError);
    DiagramSpec four;
    four.input = {2, 2, 2, 2};
    four.kernel = {1};
    CHECK_THROWS_AS(make_diagram(four), ArgumentError);
    DiagramSpec causal2d;
    causal2d.input = {4, 4};
    causal2d.kernel = {2, 2};
    causal2d.padding = Padding::causal();
    CHECK_THROWS_WITH(make_diagram(causal2d), Catch::Contains("Causal padding is only supported"));
    DiagramSpec wrong_values = spec_1d(3, {2}, Padding::valid());
    wrong_values.values = {1, 2};
    CHECK_THROWS_AS(make_diagram(wrong_values), ArgumentError);
    CHECK_THROWS_AS(make_diagram(spec_1d(3, {5}, Padding::valid())), ShapeError);
    DiagramSpec no_kernel = spec_1d(3, {}, Padding::same());
    CHECK_THROWS_AS(make_diagram(no_kernel), ArgumentError);
    Diagram d = make_diagram(spec_1d(4, {2}, Padding::valid()));
    CHECK_THROWS_AS(diagram_step(d, 3), ArgumentError);
    CHECK_THROWS_AS(diagram_cell(d, {4}), ArgumentError);
    CHECK_THROWS_AS(diagram_cell(d, {0, 0}), ArgumentError);
    DiagramSpec huge = spec_1d(100000, {3}, Padding::valid());
    CHECK_THROWS_AS(make_diagram(huge), LimitError);
}

TEST_CASE("big grids are described without listing every cell", "[diagram]") {
    DiagramSpec s;
    s.input = {224, 224};
    s.kernel = {3, 3};
    s.padding = Padding::same();
    Diagram d = make_diagram(s);
    CHECK(d.step_count == 224u * 224u);
    CHECK(diagram_step(d, d.step_count - 1).window.back() == Shape{225, 225});
    CHECK(diagram_cell(d, {225, 0}).kind == CellKind::Pad);
}

TEST_CASE("format_value", "[diagram]") {
    CHECK(format_value(3.0f) == "3");
    CHECK(format_value(0.0f) == "0");
    CHECK(format_value(-0.0f) == "0");
    CHECK(format_value(-2.0f) == "\u22122");
    CHECK(format_value(0.5f) == "0.5");
    CHECK(format_value(1.25f) == "1.25");
    CHECK(format_value(0.1234f) == "0.123");
    CHECK(format_value(12345678.0f) == "1.23e7");
    CHECK(format_value(1.0f / 0.0f) == "\u221e");
}

TEST_CASE("describe_step says what an output reads", "[diagram]") {
    DiagramSpec s;
    s.input = {8};
    s.kernel = {4};
    s.padding = Padding::causal();
    const Diagram causal = make_diagram(s);
    CHECK(describe_step(causal, 0) == "y0 reads 3 padding + x0");
    CHECK(describe_step(causal, 1) == "y1 reads 2 padding + x0 \u2026 x1");
    CHECK(describe_step(causal, 7) == "y7 reads x4 \u2026 x7");
    DiagramSpec v;
    v.input = {28, 28};
    v.kernel = {3, 3};
    CHECK(describe_step(make_diagram(v), 9 * 26 + 4) == "output (9, 4) reads input rows 9\u201311, cols 4\u20136");
    DiagramSpec t;
    t.input = {3};
    t.kernel = {3};
    t.strides = {2};
    t.op = WindowOp::ConvTranspose;
    CHECK(describe_step(make_diagram(t), 1).find("inserted zero") != std::string::npos);
}

TEST_CASE("a note counts the outputs that read padding (the layer's padding reach)", "[diagram]") {
    const auto has_note = [](const Diagram& d, const std::string& text) {
        for (const std::string& n : d.notes)
            if (n == text) return true;
        return false;
    };
    // The seed's first layer with 'same': 3x3 on 28x28, rows and columns 0 and 27 read the
    // padding: 784 - 26 * 26 = 108 outputs.
    DiagramSpec seed;
    seed.input = {28, 28};
    seed.kernel = {3, 3};
    seed.padding = Padding::parse("same");
    CHECK(has_note(make_diagram(seed), "108 of 784 outputs read padding"));
    // k2 s2 'same' on 7: pads (0, 1), outputs 0..3 read 0-1, 2-3, 4-5, 6-7: only the last one.
    DiagramSpec even = spec_1d(7, {2}, Padding::parse("same"));
    even.strides = {2};
    CHECK(has_note(make_diagram(even), "1 of 4 outputs read padding"));
    // valid: no padding, no count.
    for (const std::string& n : make_diagram(spec_1d(7, {3}, Padding::parse("valid"))).notes)
        CHECK(n.find("read padding") == std::string::npos);
}
