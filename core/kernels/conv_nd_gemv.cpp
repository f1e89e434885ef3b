#include "core/kernels/conv_nd_gemv.hpp"

#include <algorithm>

#include "core/kernels/conv_sources.hpp"
#include "core/kernels/vec4.hpp"

namespace padlab::kernels {

namespace {

struct Layout {
    std::size_t patch = 0, partial = 0, pad_row = 0, sources = 0, axis = 0, total = 0;
};

Layout layout(const ConvProblem& p) {
    Layout l;
    std::size_t at = 0;
    auto region = [&at](std::size_t bytes) {
        const std::size_t start = at;
        at += align16(bytes);
        return start;
    };
    l.patch = region(sizeof(float) * static_cast<std::size_t>(p.taps() * p.cin));
    l.partial = region(sizeof(float) * static_cast<std::size_t>(p.cout));
    l.pad_row = region(sizeof(float) * static_cast<std::size_t>(p.cin));
    l.sources = region(sizeof(const float*) * static_cast<std::size_t>(p.taps()));
    l.axis = region(sizeof(Index) * static_cast<std::size_t>(p.axes[0].k + p.axes[1].k + p.axes[2].k));
    l.total = at;
    return l;
}

// partial[c] += sum over rows k0..k0+R-1 (in order) of x[k] * w[k][c].
template <int R>
void add_rows(float* partial, const float* x, const float* w, Index cout) {
    v4f xv[R];
    for (int r = 0; r < R; ++r) xv[r] = splat4(x[r]);
    Index c = 0;
    for (; c + 4 <= cout; c += 4) {
        v4f acc = load4(partial + c);
        for (int r = 0; r < R; ++r) acc += xv[r] * load4(w + r * cout + c);
        store4(partial + c, acc);
    }
    for (; c < cout; ++c) {
        float acc = partial[c];
        for (int r = 0; r < R; ++r) acc += x[r] * w[r * cout + c];
        partial[c] = acc;
    }
}

}  // namespace

bool ConvNdGemv::supports(const ConvProblem& p) { return p.kind == ConvKind::Regular; }

std::size_t ConvNdGemv::scratch_bytes(const ConvProblem& p) { return layout(p).total; }

void ConvNdGemv::run(const ConvProblem& p, const ConvBuffers& b) {
    const Layout l = layout(p);
    char* scratch = static_cast<char*>(b.scratch);
    float* patch = reinterpret_cast<float*>(scratch + l.patch);
    float* partial = reinterpret_cast<float*>(scratch + l.partial);
    float* pad_row = reinterpret_cast<float*>(scratch + l.pad_row);
    const float** sources = reinterpret_cast<const float**>(scratch + l.sources);
    Index* axis = reinterpret_cast<Index*>(scratch + l.axis);
    std::fill(pad_row, pad_row + p.cin, p.mode == PadMode::Constant ? p.pad_value : 0.0f);

    const Index taps = p.taps(), cin = p.cin, cout = p.cout, K = taps * cin;
    const Index total = p.output_pixels();
    PixelCursor cursor(p, b.input, 0);
    for (Index pixel = 0; pixel < total; ++pixel, cursor.next()) {
        // The K inputs of this pixel in the kernel's row order (tap-major, then channel). One
        // interior tap (a Dense layer) is read where it lies.
        const float* x = cursor.interior_origin();
        if (!(x && taps == 1)) {
            tap_sources(p, b.input, cursor.pos(), pad_row, sources, axis);
            for (Index t = 0; t < taps; ++t) std::copy(sources[t], sources[t] + cin, patch + t * cin);
            x = patch;
        }
        if (b.bias)
            std::copy(b.bias, b.bias + cout, partial);
        else
            std::fill(partial, partial + cout, 0.0f);
        Index k = 0;
        for (; k + 8 <= K; k += 8) add_rows<8>(partial, x + k, b.kernel + k * cout, cout);
        for (; k < K; ++k) add_rows<1>(partial, x + k, b.kernel + k * cout, cout);
        float* y = b.output + pixel * cout;
        Index c = 0;
        if (p.relu) {
            for (; c + 4 <= cout; c += 4) store4(y + c, relu4(load4(partial + c)));
            for (; c < cout; ++c) y[c] = partial[c] < 0.0f ? 0.0f : partial[c];
        } else {
            std::copy(partial, partial + cout, y);
        }
    }
}

}  // namespace padlab::kernels
