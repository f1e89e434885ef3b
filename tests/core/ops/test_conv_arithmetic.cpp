#include <catch2/catch.hpp>

#include "core/ops/conv_arithmetic.hpp"
#include "core/base/errors.hpp"

using namespace padlab;

namespace {

std::vector<AxisArithmetic> conv(const Shape& in, const Shape& k, const Shape& s, const Shape& d, const Padding& p,
                                 const char* cls = "Conv2D") {
    return window_arithmetic(WindowOp::Conv, in, k, s, d, p, cls);
}

void check_axis(const AxisArithmetic& a, Dim out, Dim before, Dim after) {
    CHECK(a.output == out);
    CHECK(a.pad_before == before);
    CHECK(a.pad_after == after);
}

}  // namespace

TEST_CASE("Padding::parse accepts Keras names case-insensitively", "[conv_arithmetic]") {
    CHECK(Padding::parse("valid").kind == PaddingKind::Valid);
    CHECK(Padding::parse("SAME").kind == PaddingKind::Same);
    CHECK(Padding::parse("Causal").kind == PaddingKind::Causal);
    CHECK(Padding::parse("full").kind == PaddingKind::Full);
    CHECK(to_string(PaddingKind::Same) == "same");
    CHECK_THROWS_WITH(Padding::parse("Reflect"),
                      "The `padding` argument must be a list/tuple or one of \"valid\", \"same\", \"full\" "
                      "(or \"causal\", only for `Conv1D). Received: reflect");
    CHECK_THROWS_AS(Padding::parse(""), ArgumentError);
}

TEST_CASE("seed examples: 28x28 with a 3x3 kernel", "[conv_arithmetic]") {
    auto valid = conv({28, 28}, {3, 3}, {1, 1}, {1, 1}, Padding::valid());
    REQUIRE(valid.size() == 2);
    check_axis(valid[0], 26, 0, 0);
    check_axis(valid[1], 26, 0, 0);

    auto same = conv({28, 28}, {3, 3}, {1, 1}, {1, 1}, Padding::same());
    check_axis(same[0], 28, 1, 1);
    check_axis(same[1], 28, 1, 1);
    CHECK(same[0].effective_kernel() == 3);
}

TEST_CASE("causal Conv1D pads dk-1 before and nothing after", "[conv_arithmetic]") {
    auto a = window_arithmetic(WindowOp::Conv, {10}, {4}, {1}, {1}, Padding::causal(), "Conv1D");
    check_axis(a[0], 10, 3, 0);
    // dilation widens the causal pad: dk = 2*(3-1)+1 = 5
    auto d = window_arithmetic(WindowOp::Conv, {10}, {3}, {1}, {2}, Padding::causal(), "Conv1D");
    check_axis(d[0], 10, 4, 0);
    // strided causal: ceil(L/s)
    auto s = window_arithmetic(WindowOp::Conv, {10}, {3}, {3}, {1}, Padding::causal(), "Conv1D");
    check_axis(s[0], 4, 2, 0);
}

TEST_CASE("'same' with stride: the split depends on L mod s, extra cell AFTER", "[conv_arithmetic]") {
    // blog teaching case: L=5, k=2, s=2 -> out 3, total 1 split (0, 1)
    check_axis(conv({5}, {2}, {2}, {1}, Padding::same(), "Conv1D")[0], 3, 0, 1);
    // L=6, k=3, s=2 -> out 3, total 1 -> (0, 1)
    check_axis(conv({6}, {3}, {2}, {1}, Padding::same(), "Conv1D")[0], 3, 0, 1);
    // L=7, k=3, s=2 -> out 4, total 2 -> (1, 1)
    check_axis(conv({7}, {3}, {2}, {1}, Padding::same(), "Conv1D")[0], 4, 1, 1);
    // even kernel, stride 1: total 3 -> (1, 2)
    check_axis(conv({8}, {4}, {1}, {1}, Padding::same(), "Conv1D")[0], 8, 1, 2);
    // a 1-wide kernel with stride 2 needs no padding at all
    check_axis(conv({4}, {1}, {2}, {1}, Padding::same(), "Conv1D")[0], 2, 0, 0);
}

TEST_CASE("valid, full and explicit lengths", "[conv_arithmetic]") {
    check_axis(conv({7}, {3}, {2}, {1}, Padding::valid(), "Conv1D")[0], 3, 0, 0);       // ceil(5/2)
    check_axis(conv({10}, {3}, {1}, {2}, Padding::valid(), "Conv1D")[0], 6, 0, 0);      // dk = 5
    check_axis(conv({10}, {3}, {1}, {2}, Padding::same(), "Conv1D")[0], 10, 2, 2);
    check_axis(conv({5}, {3}, {1}, {1}, Padding::full(), "Conv1D")[0], 7, 2, 2);
    check_axis(conv({5}, {3}, {2}, {1}, Padding::full(), "Conv1D")[0], 4, 2, 2);        // ceil(7/2)
    auto e = conv({5, 6}, {3, 3}, {2, 1}, {1, 1}, Padding::explicit_pads({{1, 2}, {0, 0}}));
    check_axis(e[0], 3, 1, 2);  // floor((5+3-3)/2)+1
    check_axis(e[1], 4, 0, 0);
}

TEST_CASE("unknown input lengths propagate; pads known when they do not depend on L", "[conv_arithmetic]") {
    auto a = conv({kNone, 28}, {3, 3}, {1, 1}, {1, 1}, Padding::same());
    check_axis(a[0], kNone, 1, 1);  // stride 1: total is dk-1 whatever L is
    check_axis(a[1], 28, 1, 1);
    check_axis(conv({kNone}, {3}, {2}, {1}, Padding::same(), "Conv1D")[0], kNone, kUnknownPad, kUnknownPad);
    check_axis(conv({kNone}, {3}, {2}, {1}, Padding::valid(), "Conv1D")[0], kNone, 0, 0);
    check_axis(window_arithmetic(WindowOp::Conv, {kNone}, {4}, {1}, {1}, Padding::causal(), "Conv1D")[0], kNone, 3, 0);
}

TEST_CASE("pooling uses the same arithmetic with pool_size", "[conv_arithmetic]") {
    auto p = window_arithmetic(WindowOp::Pool, {26, 26}, {2, 2}, {2, 2}, {1, 1}, Padding::valid(), "MaxPooling2D");
    check_axis(p[0], 13, 0, 0);
    auto q = window_arithmetic(WindowOp::Pool, {5}, {2}, {2}, {1}, Padding::same(), "MaxPooling1D");
    check_axis(q[0], 3, 0, 1);
    CHECK_THROWS_AS(window_arithmetic(WindowOp::Pool, {5}, {2}, {1}, {2}, Padding::valid(), "MaxPooling1D"),
                    ArgumentError);
    CHECK_THROWS_WITH(window_arithmetic(WindowOp::Pool, {1}, {2}, {2}, {1}, Padding::valid(), "MaxPooling1D"),
                      Catch::Contains("MaxPooling1D") && Catch::Contains("pool_size=(2,)"));
}

TEST_CASE("transposed convolution follows Keras deconv_output_length", "[conv_arithmetic]") {
    auto t = [](Dim L, Dim k, Dim s, const Padding& p, std::optional<Shape> op = std::nullopt) {
        return window_arithmetic(WindowOp::ConvTranspose, {L}, {k}, {s}, {1}, p, "Conv1DTranspose", op)[0];
    };
    // pads are the crop from the full length (L-1)*s + dk; a negative after means appended cells
    check_axis(t(4, 3, 2, Padding::valid()), 9, 0, 0);        // L*s + max(dk-s, 0)
    check_axis(t(3, 2, 3, Padding::valid()), 9, 0, -1);       // stride longer than kernel
    check_axis(t(4, 3, 2, Padding::same()), 8, 0, 1);         // L*s
    check_axis(t(4, 3, 1, Padding::same()), 4, 1, 1);
    check_axis(t(4, 3, 2, Padding::full()), 5, 2, 2);         // L*s - (s + dk - 2)
    // with output_padding: (L-1)*s + dk - 2*pad + output_padding
    check_axis(t(4, 3, 2, Padding::valid(), Shape{1}), 10, 0, -1);
    check_axis(t(4, 3, 2, Padding::same(), Shape{1}), 8, 0, 1);
    check_axis(t(4, 3, 2, Padding::same(), Shape{0}), 7, 1, 1);
    check_axis(t(4, 3, 2, Padding::full(), Shape{1}), 6, 2, 1);
    check_axis(t(kNone, 3, 2, Padding::same()), kNone, 0, 1);
    // 2D: 7x7 -> 14x14 with 'same', stride 2 (a typical decoder step)
    auto two = window_arithmetic(WindowOp::ConvTranspose, {7, 7}, {3, 3}, {2, 2}, {1, 1}, Padding::same(),
                                 "Conv2DTranspose");
    check_axis(two[1], 14, 0, 1);

    CHECK_THROWS_WITH(t(4, 3, 2, Padding::same(), Shape{2}),
                      "Strides must be greater than output padding. Received strides=(2,), output_padding=(2,).");
    CHECK_THROWS_AS(t(4, 3, 2, Padding::causal()), ArgumentError);
    CHECK_THROWS_AS(window_arithmetic(WindowOp::Conv, {4}, {3}, {1}, {1}, Padding::valid(), "Conv1D", Shape{0}),
                    ArgumentError);
}

TEST_CASE("Keras's rejections, with Keras's texts", "[conv_arithmetic]") {
    CHECK_THROWS_WITH(conv({28, 28}, {3, 3}, {1, 1}, {1, 1}, Padding::causal()),
                      "Causal padding is only supported for `Conv1D`and `SeparableConv1D`.");
    CHECK_THROWS_WITH(conv({28, 28}, {3, 3}, {2, 2}, {2, 2}, Padding::same()),
                      "`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                      "Received: strides=(2, 2) and dilation_rate=(2, 2)");
    CHECK_THROWS_WITH(conv({28, 28}, {0, 3}, {1, 1}, {1, 1}, Padding::valid()),
                      "The argument `kernel_size` cannot contain 0(s). Received: (0, 3)");
    CHECK_THROWS_WITH(conv({28, 28}, {3, 3}, {1, 0}, {1, 1}, Padding::valid()),
                      "The argument `strides` cannot contains 0(s). Received: (1, 0)");
    CHECK_THROWS_WITH(conv({28, 28}, {-1, 3}, {1, 1}, {1, 1}, Padding::valid()),
                      "The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(-1, 3) "
                      "including {-1} that does not satisfy the requirement `>= 0`.");
    CHECK_THROWS_WITH(conv({28, 28}, {3, 3}, {1, 1}, {0, 1}, Padding::valid()),
                      "The `dilation_rate` argument must be a tuple of 2 integers. Received dilation_rate=(0, 1) "
                      "including {0} that does not satisfy the requirement `> 0`.");
    // one value per spatial axis
    CHECK_THROWS_WITH(conv({28, 28}, {3}, {1, 1}, {1, 1}, Padding::valid()),
                      Catch::StartsWith("The `kernel_size` argument must be a tuple of 2 integers. Received "
                                        "kernel_size=(3,)"));
    CHECK_THROWS_AS(conv({28, 28}, {3, 3}, {1, 1, 1}, {1, 1}, Padding::valid()), ArgumentError);
    CHECK_THROWS_AS(conv({}, {}, {}, {}, Padding::valid()), ShapeError);
}

TEST_CASE("kernel larger than the (padded) input is a ShapeError naming the layer", "[conv_arithmetic]") {
    CHECK_THROWS_AS(conv({28, 28}, {30, 30}, {1, 1}, {1, 1}, Padding::valid()), ShapeError);
    CHECK_THROWS_WITH(conv({28, 28}, {30, 30}, {1, 1}, {1, 1}, Padding::valid()),
                      "One of the dimensions in the output is <= 0 due to downsampling in Conv2D. Consider "
                      "increasing the input size. Received spatial input shape (28, 28) with kernel_size=(30, 30), "
                      "strides=(1, 1), dilation_rate=(1, 1), padding=valid, which would produce output shape "
                      "(-1, -1) with a zero or negative value in a dimension.");
    // Keras 3 behaviour: a zero-length output is rejected too (Keras 2.15 let 0 through)
    CHECK_THROWS_AS(conv({2}, {3}, {1}, {1}, Padding::valid(), "Conv1D"), ShapeError);
    // but 'same' always fits
    CHECK(conv({2}, {30}, {1}, {1}, Padding::same(), "Conv1D")[0].output == 2);
    // explicit padding can rescue it
    CHECK(conv({2}, {3}, {1}, {1}, Padding::explicit_pads({{1, 0}}), "Conv1D")[0].output == 1);
}

TEST_CASE("explicit pads are validated", "[conv_arithmetic]") {
    CHECK_THROWS_AS(conv({5}, {3}, {1}, {1}, Padding::explicit_pads({{-1, 0}}), "Conv1D"), ArgumentError);
    CHECK_THROWS_WITH(conv({5, 5}, {3, 3}, {1, 1}, {1, 1}, Padding::explicit_pads({{1, 1}})),
                      Catch::Contains("Conv2D") && Catch::Contains("2 spatial axes"));
}

TEST_CASE("single-axis helpers", "[conv_arithmetic]") {
    check_axis(conv_axis(28, 3, 1, 1, Padding::same()), 28, 1, 1);
    check_axis(conv_axis(5, 2, 2, 1, Padding::same()), 3, 0, 1);
    check_axis(conv_axis(6, 3, 1, 1, Padding::explicit_pads({{0, 0}, {2, 1}}), 1), 7, 2, 1);
    check_axis(conv_transpose_axis(4, 3, 2, 1, Padding::same()), 8, 0, 1);
    CHECK_THROWS_AS(conv_axis(2, 3, 1, 1, Padding::valid()), ShapeError);
    CHECK_THROWS_AS(conv_axis(5, 0, 1, 1, Padding::valid()), ArgumentError);
    CHECK_THROWS_AS(conv_transpose_axis(4, 3, 2, 1, Padding::same(), 2), ArgumentError);
}

TEST_CASE("absurd magnitudes are refused instead of overflowing", "[conv_arithmetic]") {
    const Dim huge = Dim(1) << 62;
    CHECK_THROWS_AS(conv({28}, {huge}, {1}, {1}, Padding::valid(), "Conv1D"), LimitError);
    CHECK_THROWS_AS(conv({huge}, {3}, {1}, {huge}, Padding::same(), "Conv1D"), LimitError);
    CHECK_THROWS_AS(conv({5}, {3}, {1}, {1}, Padding::explicit_pads({{huge, huge}}), "Conv1D"), LimitError);
    CHECK_THROWS_AS(conv_axis(huge, 3, 1, 1, Padding::full()), LimitError);
}

TEST_CASE("the padding vocabulary: valid first, any case; Explicit has no name", "[conv_arithmetic][names]") {
    const auto& v = padding_vocabulary();
    CHECK(v.names() == std::vector<std::string_view>{"valid", "same", "causal", "full"});
    CHECK(v.entries()[0].value == Padding{}.kind);  // the default
    for (const auto& e : v.entries()) {
        CHECK(Padding::parse(e.name).kind == e.value);
        CHECK(to_string(e.value) == e.name);
    }
    CHECK(Padding::parse("SAME").kind == PaddingKind::Same);
    CHECK(to_string(PaddingKind::Explicit) == "explicit");
    CHECK_FALSE(v.parse("explicit"));
    CHECK_THROWS_AS(Padding::parse("explicit"), ArgumentError);
}

TEST_CASE("the window op vocabulary: conv first, exact names", "[conv_arithmetic][names]") {
    const auto& v = window_op_vocabulary();
    CHECK(v.names() == std::vector<std::string_view>{"conv", "pool", "transpose"});
    CHECK(v.entries()[0].value == WindowOp::Conv);
    for (const auto& e : v.entries()) {
        CHECK(parse_window_op(e.name) == e.value);
        CHECK(to_string(e.value) == e.name);
    }
    CHECK_THROWS_WITH(parse_window_op("Pool"), "op must be 'conv', 'pool' or 'transpose', got 'Pool'. Did you mean 'pool'?");
    CHECK_THROWS_AS(parse_window_op("deconv"), ArgumentError);
}
