#include <catch2/catch.hpp>

#include <vector>

#include "core/kernels/conv_sources.hpp"

using namespace padlab;
using namespace padlab::kernels;

namespace {

// A 2D problem on a 4x5 single-channel input, 3x3 kernel, one padding cell on every side.
ConvProblem padded_3x3(PadMode mode) {
    ConvProblem p;
    p.axes[1] = {4, 4, 3, 1, 1, 1};
    p.axes[2] = {5, 5, 3, 1, 1, 1};
    p.mode = mode;
    return p;
}

// Input values are their own flat index, so a source pointer reads back where it points.
std::vector<float> iota_input(Index n) {
    std::vector<float> x(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) x[static_cast<std::size_t>(i)] = static_cast<float>(i);
    return x;
}

}  // namespace

TEST_CASE("conv sources: pixel_at decodes row-major output positions", "[conv_sources]") {
    ConvProblem p = padded_3x3(PadMode::Constant);
    p.batch = 2;
    const PixelPos q = pixel_at(p, 4 * 5 + 2 * 5 + 3);
    CHECK(q.n == 1);
    CHECK(q.o0 == 0);
    CHECK(q.o1 == 2);
    CHECK(q.o2 == 3);
}

TEST_CASE("conv sources: the cursor finds interior windows and their origin", "[conv_sources]") {
    const ConvProblem p = padded_3x3(PadMode::Constant);
    const std::vector<float> x = iota_input(20);
    // Which of the 4x5 outputs have their whole 3x3 window inside the 4x5 input.
    const char* expected[4] = {".....",
                               ".###.",
                               ".###.",
                               "....."};
    PixelCursor cursor(p, x.data(), 0);
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 5; ++c) {
            const float* origin = cursor.interior_origin();
            CHECK((origin != nullptr) == (expected[r][c] == '#'));
            if (origin) CHECK(*origin == static_cast<float>((r - 1) * 5 + (c - 1)));  // top-left tap
            cursor.next();
        }
    }
}

TEST_CASE("conv sources: interior taps are fixed offsets in tap order", "[conv_sources]") {
    ConvProblem p = padded_3x3(PadMode::Constant);
    p.axes[2].d = 2;  // dilation on the columns
    std::vector<Index> off(9);
    interior_tap_offsets(p, off.data());
    CHECK(off == std::vector<Index>{0, 2, 4, 5, 7, 9, 10, 12, 14});
}

TEST_CASE("conv sources: border taps read mirrored, clamped or pad cells", "[conv_sources]") {
    const std::vector<float> x = iota_input(20);
    const float pad_row[1] = {-1.0f};
    std::vector<Index> axis(7);  // k0 + k1 + k2 = 1 + 3 + 3
    std::vector<const float*> src(9);
    auto read = [&](PadMode mode, PixelPos q) {
        const ConvProblem p = padded_3x3(mode);
        tap_sources(p, x.data(), q, pad_row, src.data(), axis.data());
        std::vector<float> v;
        for (const float* s : src) v.push_back(*s);
        return v;
    };
    const PixelPos corner{0, 0, 0, 0};  // output (0, 0): window rows -1..1, columns -1..1
    // constant: the padding cells read the pad row
    CHECK(read(PadMode::Constant, corner) == std::vector<float>{-1, -1, -1,
                                                                -1, 0, 1,
                                                                -1, 5, 6});
    // reflect: row -1 reads row 1, column -1 reads column 1
    CHECK(read(PadMode::Reflect, corner) == std::vector<float>{6, 5, 6,
                                                               1, 0, 1,
                                                               6, 5, 6});
    // replicate: the edge repeats
    CHECK(read(PadMode::Replicate, corner) == std::vector<float>{0, 0, 1,
                                                                 0, 0, 1,
                                                                 5, 5, 6});
    // circular, bottom-right output (3, 4): row 4 wraps to 0, column 5 wraps to 0
    CHECK(read(PadMode::Circular, PixelPos{0, 0, 3, 4}) == std::vector<float>{13, 14, 10,
                                                                              18, 19, 15,
                                                                              3, 4, 0});
}
