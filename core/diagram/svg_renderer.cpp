#include "core/diagram/svg_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/diagram/palette.hpp"
#include "core/base/errors.hpp"

namespace padlab {

namespace {

constexpr double kMargin = 16;
constexpr double kMinWidth = 560;
constexpr const char* kFont = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";
constexpr const char* kMono = "ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono',monospace";

// ------------------------------------------------------------------ text helpers

// Coordinates with at most one decimal, without locale: "12", "12.5", "-3.5".
std::string px(double v) {
    long long t = std::llround(v * 10);
    const bool neg = t < 0;
    if (neg) t = -t;
    std::string out = std::to_string(t / 10);
    if (t % 10) out += "." + std::to_string(t % 10);
    return neg && t ? "-" + out : out;
}

// Seconds / percentages with up to 3 decimals.
std::string dec3(double v) {
    long long t = std::llround(v * 1000);
    std::string out = std::to_string(t / 1000);
    long long frac = t % 1000;
    if (frac) {
        std::string f = std::to_string(frac);
        f = std::string(3 - f.size(), '0') + f;
        while (f.back() == '0') f.pop_back();
        out += "." + f;
    }
    return out;
}

// Code points of valid UTF-8 (the text is escaped later; this is only for width estimates).
std::size_t text_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// Approximate rendered width of a sans-serif text: enough to lay out, never to clip.
double text_width(std::string_view s, double font_size) { return static_cast<double>(text_length(s)) * font_size * 0.56; }

// Cuts to at most `max` code points, ending with an ellipsis when cut.
std::string truncate(std::string_view s, std::size_t max) {
    if (text_length(s) <= max) return std::string(s);
    std::string out;
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80 && ++n > max - 1) break;
        out += s[i];
    }
    return out + "\u2026";
}

// Greedy word wrap at `max` code points.
std::vector<std::string> wrap(const std::string& text, std::size_t max) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = text.find(' ', i);
        if (j == std::string::npos) j = text.size();
        const std::string word = text.substr(i, j - i);
        if (!line.empty() && text_length(line) + 1 + text_length(word) > max) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        i = j + 1;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

std::string dims_text(const Shape& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) out += (i ? "\u00d7" : "") + std::to_string(s[i]);
    return out;
}

// "i,j": the data-pos / data-out hook of a cell.
std::string join_coords(const Shape& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) out += (i ? "," : "") + std::to_string(s[i]);
    return out;
}

std::string coords_text(const Shape& s) {
    if (s.size() == 1) return std::to_string(s[0]);
    std::string out = "(";
    for (std::size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
    return out + ")";
}

// The Keras call a diagram without a label is titled with, e.g. "Conv1D(kernel_size=4, padding='causal')".
std::string keras_call(const Diagram& d) {
    const DiagramSpec& s = d.spec;
    const std::size_t n = d.grid.size();
    const std::string r = std::to_string(n) + "D";
    auto tuple = [&](const Shape& v) {
        if (n == 1) return std::to_string(v[0]);
        std::string t = "(";
        for (std::size_t i = 0; i < v.size(); ++i) t += (i ? ", " : "") + std::to_string(v[i]);
        return t + ")";
    };
    auto ones = [](const Shape& v) { return std::all_of(v.begin(), v.end(), [](Dim x) { return x == 1; }); };
    const bool pinned_mode = s.mode == PadMode::Constant && s.pad_value == 0.0f;
    if (s.kernel.empty()) {
        std::string amounts;
        bool crop = false;
        for (std::size_t i = 0; i < s.padding.pads.size(); ++i) {
            const Pad& p = s.padding.pads[i];
            crop = crop || p[0] < 0 || p[1] < 0;
            amounts += (i ? ", " : "") + std::string("(") + std::to_string(std::abs(p[0])) + ", " + std::to_string(std::abs(p[1])) + ")";
        }
        const std::string arg = n == 1 ? amounts : "(" + amounts + ")";
        if (crop) return "Cropping" + r + "(cropping=" + arg + ")";
        if (pinned_mode) return "ZeroPadding" + r + "(padding=" + arg + ")";
        return std::string(to_string(s.mode)) + " padding " + arg;
    }
    std::vector<std::string> args;
    args.push_back((s.op == WindowOp::Pool ? "pool_size=" : "kernel_size=") + tuple(s.kernel));
    if (!ones(s.strides) && !(s.op == WindowOp::Pool && s.strides == s.kernel)) args.push_back("strides=" + tuple(s.strides));
    if (!ones(s.dilation)) args.push_back("dilation_rate=" + tuple(s.dilation));
    if (s.padding.kind == PaddingKind::Explicit) {
        std::string pads = "[";
        for (std::size_t i = 0; i < s.padding.pads.size(); ++i)
            pads += (i ? "," : "") + std::string("[") + std::to_string(s.padding.pads[i][0]) + "," +
                    std::to_string(s.padding.pads[i][1]) + "]";
        args.push_back("padding=" + pads + "]");
    } else if (s.padding.kind != PaddingKind::Valid) {
        args.push_back("padding='" + std::string(to_string(s.padding.kind)) + "'");
    }
    const std::string cls = s.op == WindowOp::Pool ? "MaxPooling" + r : s.op == WindowOp::ConvTranspose ? "Conv" + r + "Transpose" : "Conv" + r;
    std::string call = cls + "(";
    for (std::size_t i = 0; i < args.size(); ++i) call += (i ? ", " : "") + args[i];
    call += ")";
    if (s.mode == PadMode::Constant || s.op == WindowOp::ConvTranspose) return call;
    return std::string(to_string(s.mode)) + " padding + " + call;
}

std::string mode_label(const Diagram& d) {
    if (d.pads_ignored) return "ignored";
    if (d.spec.mode == PadMode::Constant)
        return d.spec.pad_value == 0.0f ? "zeros" : "constant " + format_value(d.spec.pad_value);
    return std::string(to_string(d.spec.mode));
}

bool is_cropping(const Diagram& d) {
    if (!d.spec.kernel.empty()) return false;
    for (const Pad& p : d.spec.padding.pads)
        if (p[0] < 0 || p[1] < 0) return true;
    return false;
}

std::string subtitle(const Diagram& d) {
    const DiagramSpec& s = d.spec;
    std::string out = "input " + dims_text(s.input);
    const std::string dot = " \u00b7 ";
    if (s.kernel.empty()) {
        std::string pads;
        for (std::size_t i = 0; i < s.padding.pads.size(); ++i) {
            const Pad& p = s.padding.pads[i];
            pads += (i ? ", " : "") + std::string("(") + std::to_string(std::abs(p[0])) + ", " + std::to_string(std::abs(p[1])) + ")";
        }
        out += dot + (is_cropping(d) ? "cropping " : "padding ") + pads;
        if (!is_cropping(d)) out += dot + mode_label(d);
    } else {
        out += dot + (s.op == WindowOp::Pool ? "pool " : "kernel ") + dims_text(s.kernel);
        out += dot + "stride " + dims_text(s.strides);
        if (std::any_of(s.dilation.begin(), s.dilation.end(), [](Dim v) { return v > 1; }))
            out += dot + "dilation " + dims_text(s.dilation);
        const std::string kind = s.padding.kind == PaddingKind::Explicit ? "explicit" : to_string(s.padding.kind);
        out += dot + kind + " padding";
        bool any_pad = false;
        for (const auto& a : d.axes) any_pad = any_pad || a.pad_before != 0 || a.pad_after != 0;
        if (s.op == WindowOp::ConvTranspose) out += dot + "transposed";
        else if (d.pads_ignored && any_pad) out += " (ignored by pooling)";
        else if (any_pad) out += dot + mode_label(d);
    }
    return out + " \u2192 output " + dims_text(d.output);
}

// ------------------------------------------------------------------ geometry

struct Range {
    Dim lo = 0, hi = 0;
    Dim size() const { return hi - lo; }
    bool has(Dim v) const { return v >= lo && v < hi; }
};

struct Point {
    double x = 0, y = 0;
};

struct Layout {
    const Diagram* d = nullptr;
    std::size_t rank = 1;
    int row = -1, col = 0;  // grid axes drawn as rows / columns (depth is axis 0 in 3D)
    double cs = 40;
    std::vector<Range> view, oview;
    Dim anchor = 0;       // 1D: the tap an output sits under
    bool has_output = true;
    std::vector<double> in_x, out_x;
    double in_y = 0, out_y = 0;
    double arc_room = 0;  // 1D: space above the row for source arcs
    double draw_top = 0, draw_bottom = 0, draw_right = 0;

    std::optional<Point> cell(const Shape& pos) const {
        for (std::size_t a = 0; a < rank; ++a)
            if (!view[a].has(pos[a])) return std::nullopt;
        const std::size_t panel = rank == 3 ? static_cast<std::size_t>(pos[0] - view[0].lo) : 0;
        Point p;
        p.x = in_x[panel] + static_cast<double>(pos[col] - view[col].lo) * cs;
        p.y = in_y + (row >= 0 ? static_cast<double>(pos[row] - view[row].lo) * cs : 0.0);
        return p;
    }
    std::optional<Point> out(const Shape& pos) const {
        if (!has_output) return std::nullopt;
        if (rank == 1) {
            const Dim g = pos[0] * d->grid_stride[0] + anchor;
            if (!view[0].has(g)) return std::nullopt;
            return Point{in_x[0] + static_cast<double>(g - view[0].lo) * cs, out_y};
        }
        for (std::size_t a = 0; a < rank; ++a)
            if (!oview[a].has(pos[a])) return std::nullopt;
        const std::size_t panel = rank == 3 ? static_cast<std::size_t>(pos[0] - oview[0].lo) : 0;
        return Point{out_x[panel] + static_cast<double>(pos[col] - oview[col].lo) * cs,
                     out_y + static_cast<double>(pos[row] - oview[row].lo) * cs};
    }
    // Output cells that are drawn, row-major.
    std::vector<Shape> visible_outputs() const {
        std::vector<Shape> cells;
        if (!has_output) return cells;
        if (rank == 1) {
            for (Dim j = 0; j < d->output[0]; ++j)
                if (view[0].has(j * d->grid_stride[0] + anchor)) cells.push_back({j});
            return cells;
        }
        Shape c(rank);
        for (std::size_t a = 0; a < rank; ++a) c[a] = oview[a].lo;
        while (true) {
            cells.push_back(c);
            std::size_t a = rank;
            while (a-- > 0) {
                if (++c[a] < oview[a].hi) break;
                c[a] = oview[a].lo;
            }
            if (a == static_cast<std::size_t>(-1)) break;
        }
        return cells;
    }
    // Grid cells that are drawn, row-major.
    std::vector<Shape> visible_cells() const {
        std::vector<Shape> cells;
        Shape c(rank);
        for (std::size_t a = 0; a < rank; ++a) c[a] = view[a].lo;
        while (true) {
            cells.push_back(c);
            std::size_t a = rank;
            while (a-- > 0) {
                if (++c[a] < view[a].hi) break;
                c[a] = view[a].lo;
            }
            if (a == static_cast<std::size_t>(-1)) break;
        }
        return cells;
    }
};

Dim effective_kernel(const Diagram& d, std::size_t a) {
    return d.spec.kernel.empty() ? 1 : d.spec.dilation[a] * (d.spec.kernel[a] - 1) + 1;
}

// A view of `n` cells out of `len` that holds [first, first + extent) when it fits, centred on it.
Range centred_view(Dim len, Dim n, Dim first, Dim extent) {
    n = std::min(n, len);
    Dim lo = first + extent / 2 - n / 2;
    if (extent <= n) {
        lo = std::min(lo, first);
        lo = std::max(lo, first + extent - n);
    }
    lo = std::clamp<Dim>(lo, 0, len - n);
    return {lo, lo + n};
}

// A view of `n` cells out of `len` that stays at `hint` when it holds [first, first + extent)
// (as much of it as fits), otherwise moves as little as it must.
Range kept_view(Dim len, Dim n, Dim hint, Dim first, Dim extent) {
    n = std::min(n, len);
    Dim lo = std::clamp<Dim>(hint, 0, len - n);
    const Dim ext = std::min(extent, n);
    if (first < lo) lo = first;
    if (first + ext > lo + n) lo = first + ext - n;
    lo = std::clamp<Dim>(lo, 0, len - n);
    return {lo, lo + n};
}

// `focus`: the step the view is centred on (or kept at the hint); nullopt = the start (animation).
Layout make_layout(const Diagram& d, const SvgOptions& o, std::optional<std::size_t> focus) {
    Layout L;
    L.d = &d;
    L.rank = d.grid.size();
    L.row = L.rank == 1 ? -1 : static_cast<int>(L.rank) - 2;
    L.col = static_cast<int>(L.rank) - 1;
    L.has_output = d.step_count > 0;
    const Dim max_cells = std::max(o.max_cells, 4);
    std::optional<DiagramStep> st;
    if (focus && d.step_count > 0) st = diagram_step(d, *focus);
    for (std::size_t a = 0; a < L.rank; ++a) {
        Dim cap = L.rank == 1 ? max_cells * 3 / 2 : max_cells;
        if (L.rank == 3 && a == 0) cap = std::max<Dim>(std::max(o.max_slices, 1), std::min<Dim>(effective_kernel(d, 0), 8));
        const Dim extent = effective_kernel(d, a);
        const Dim first = st ? st->origin[a] : 0;
        const bool hint = focus && o.view_hint.size() == L.rank;
        L.view.push_back(hint ? kept_view(d.grid[a], cap, o.view_hint[a], first, st ? extent : 1)
                              : centred_view(d.grid[a], cap, first, st ? extent : 1));
        if (L.has_output) {
            const Dim out = st ? st->output[a] : 0;
            L.oview.push_back(focus && o.output_view_hint.size() == L.rank ? kept_view(d.output[a], cap, o.output_view_hint[a], out, 1)
                                                                            : centred_view(d.output[a], cap, out, 1));
        }
    }
    if (L.rank == 1 && !d.spec.kernel.empty()) {
        // Output t sits under the cell it belongs to: the last tap for causal (t reads up to
        // input t), the centre tap otherwise.
        const Dim dk = effective_kernel(d, 0);
        L.anchor = d.spec.padding.kind == PaddingKind::Causal ? dk - 1 : (dk - 1) / 2;
    }
    Dim biggest = 0;
    for (std::size_t a = 0; a < L.rank; ++a) biggest = std::max(biggest, L.view[a].size());
    if (o.cell > 0) L.cs = std::clamp(o.cell, 12, 120);
    else if (L.rank == 3) L.cs = biggest > 6 ? 28 : 34;
    else if (L.rank == 1) L.cs = biggest > 16 ? 32 : 40;
    else L.cs = biggest > 10 ? 32 : 40;
    return L;
}

// ------------------------------------------------------------------ the SVG writer

// How an element gets its look: ` class="pl-ci"` (the SVG's <style> styles it), or the same
// properties as presentation attributes (` fill="#dbeafe" stroke="#60a5fa" stroke-width="1"`)
// when the SVG has no <style>. One table of rules (Renderer::rules) feeds both.
class Styler {
public:
    using Props = std::vector<std::pair<std::string, std::string>>;
    Styler(std::string prefix, bool inline_attributes, std::map<std::string, Props> props)
        : prefix_(std::move(prefix)), inline_(inline_attributes), props_(std::move(props)) {}

    // `classes`: prefixed class names, space-separated. `extra`: attributes written as they are;
    // a property they set is not written again (no attribute twice).
    std::string operator()(const std::string& classes, const std::string& extra = "") const {
        if (!inline_) return " class=\"" + classes + "\"" + extra;
        Props merged;
        std::size_t at = 0;
        while (at < classes.size()) {
            std::size_t end = classes.find(' ', at);
            if (end == std::string::npos) end = classes.size();
            const std::string name = classes.substr(at, end - at);
            at = end + 1;
            if (name.compare(0, prefix_.size(), prefix_) != 0) continue;
            const auto it = props_.find(name.substr(prefix_.size()));
            if (it == props_.end()) continue;
            for (const auto& prop : it->second) {
                auto same = std::find_if(merged.begin(), merged.end(), [&](const auto& kv) { return kv.first == prop.first; });
                if (same != merged.end()) same->second = prop.second;
                else merged.push_back(prop);
            }
        }
        std::string out;
        for (const auto& [k, v] : merged)
            if (extra.find(" " + k + "=\"") == std::string::npos) out += " " + k + "=\"" + v + "\"";
        return out + extra;
    }
    bool inline_attributes() const { return inline_; }

private:
    std::string prefix_;
    bool inline_;
    std::map<std::string, Props> props_;
};

// Appends elements to a scratch buffer the renderer moves into its body.
class Writer {
public:
    explicit Writer(const Styler& style) : style_(style) {}
    std::string& buf() { return s_; }

    void rect(Point p, double w, double h, const std::string& cls, const std::string& extra = "") {
        s_ += "<rect x=\"" + px(p.x) + "\" y=\"" + px(p.y) + "\" width=\"" + px(w) + "\" height=\"" + px(h) + "\"" +
              style_(cls, extra) + "/>";
    }
    void text(double x, double y, std::string_view t, const std::string& cls, const char* anchor = nullptr,
              const std::string& extra = "") {
        s_ += "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\"" + style_(cls, extra);
        if (anchor) s_ += std::string(" text-anchor=\"") + anchor + "\"";
        s_ += ">" + xml_escape(t) + "</text>";
    }

private:
    const Styler& style_;
    std::string s_;
};

struct Caption {
    std::vector<std::string> formula;  // monospace lines
    std::vector<std::string> notes;
};

struct Legend {
    std::string cls;   // swatch class
    std::string fill;  // or a pattern url (then cls only strokes)
    std::string label;
};

class Renderer {
public:
    Renderer(const Diagram& d, const SvgOptions& o, std::optional<std::size_t> focus, bool animated)
        : d_(d), o_(o), L_(make_layout(d, o, focus)), animated_(animated), focus_(focus),
          p_(o.id_prefix + "-"), style_(p_, !animated && o.theme != SvgTheme::Auto, inline_props()), w_(style_) {}

    std::string run();
    const Layout& layout() const { return L_; }

private:
    using Rules = std::vector<std::pair<std::string, std::string>>;  // class -> "prop:value;..."
    Rules size_rules() const;
    static Rules colour_rules(const Palette& pal);
    std::map<std::string, Styler::Props> inline_props() const;
    const Palette& palette() const { return o_.theme == SvgTheme::Dark ? kDarkPalette : kLightPalette; }
    bool interactive() const { return !animated_; }  // a static step carries the hooks
    // data-role="title" etc. on the texts a page reads back (a static step only).
    std::string role(const char* name) const { return interactive() ? std::string(" data-role=\"") + name + "\"" : std::string(); }
    std::string c(const char* n) const { return p_ + n; }
    double value_font() const { return std::round(L_.cs * 0.34); }
    double small_font() const { return std::max(8.0, std::round(L_.cs * 0.23)); }

    void place();
    std::vector<DiagramStep> frames() const;
    std::string css() const;
    void highlight_overlay();
    bool in_highlight(const Shape& pos) const { return std::find(rf_.begin(), rf_.end(), pos) != rf_.end(); }
    void defs();
    void grid_cells();
    void output_cells();
    // beam: only the beam (drawn under the grids, so it passes behind cells); else the rest.
    void overlay(const DiagramStep& st, bool beam, const std::string& counter);
    void legend_and_caption();
    std::string title_text() const;
    std::string counter_text(const DiagramStep& st) const;
    std::string desc_text() const;

    const Diagram& d_;
    const SvgOptions& o_;
    Layout L_;
    bool animated_;
    std::optional<std::size_t> focus_;
    std::string p_;
    Styler style_;
    Writer w_;
    std::string body_;
    std::vector<Shape> rf_;  // the highlighted step's window (static step with a highlight)
    double width_ = 0, height_ = 0;
    std::vector<DiagramStep> frames_;  // the steps drawn (one for a static picture)
    std::vector<std::string> counters_;  // their "step 3 of 8: ..." lines
    std::vector<Legend> legend_;
    std::vector<std::string> caption_lines_;  // notes, wrapped
    std::vector<std::string> formula_lines_;
};

std::string Renderer::title_text() const {
    if (!o_.title.empty()) return o_.title;
    if (!d_.spec.label.empty()) return d_.spec.label;
    return keras_call(d_);
}

void Renderer::place() {
    const double cs = L_.cs;
    double y = kMargin + 24 + 22 + (d_.step_count > 0 ? 20 : 0);  // title, subtitle, step line
    double right = 0;
    if (L_.rank == 1) {
        const double gutter = 64;
        L_.in_x = {kMargin + gutter};
        bool sources = false;
        if (o_.sources && d_.spec.mode != PadMode::Constant)
            for (const auto& pos : L_.visible_cells())
                if (diagram_cell(d_, pos).kind == CellKind::Pad) sources = true;
        L_.arc_room = sources ? std::round(cs * 1.1) : 4;
        L_.draw_top = y;
        L_.in_y = y + L_.arc_room;
        L_.out_y = L_.in_y + cs + 18 + std::max(30.0, std::round(cs * 0.9));
        L_.draw_bottom = L_.has_output ? L_.out_y + cs + 18 : L_.in_y + cs + 18;
        right = L_.in_x[0] + static_cast<double>(L_.view[0].size()) * cs;
    } else if (L_.rank == 2) {
        const double gutter = 28;
        const double W = static_cast<double>(L_.view[1].size()) * cs, H = static_cast<double>(L_.view[0].size()) * cs;
        double OW = 0, OH = 0;
        if (L_.has_output) {
            OW = static_cast<double>(L_.oview[1].size()) * cs;
            OH = static_cast<double>(L_.oview[0].size()) * cs;
        }
        const double top = y + 36;  // panel title + column labels
        L_.draw_top = y;
        L_.in_x = {kMargin + gutter};
        L_.in_y = top + std::max(0.0, (OH - H) / 2);
        right = L_.in_x[0] + W;
        if (L_.has_output) {
            const double gap = std::max(3.0 * cs, 104.0);
            L_.out_x = {L_.in_x[0] + W + gap};
            L_.out_y = top + std::max(0.0, (H - OH) / 2);
            right = L_.out_x[0] + OW;
        }
        L_.draw_bottom = top + std::max(H, OH) + 14;
    } else {
        const double W = static_cast<double>(L_.view[2].size()) * cs, H = static_cast<double>(L_.view[1].size()) * cs;
        const double sep = std::max(18.0, cs * 0.6);
        L_.draw_top = y;
        L_.in_y = y + 22;
        for (Dim z = 0; z < L_.view[0].size(); ++z) L_.in_x.push_back(kMargin + static_cast<double>(z) * (W + sep));
        right = L_.in_x.back() + W;
        double bottom = L_.in_y + H + 14;
        if (L_.has_output) {
            const double OW = static_cast<double>(L_.oview[2].size()) * cs, OH = static_cast<double>(L_.oview[1].size()) * cs;
            L_.out_y = L_.in_y + H + 22 + 36;
            for (Dim z = 0; z < L_.oview[0].size(); ++z) L_.out_x.push_back(kMargin + static_cast<double>(z) * (OW + sep));
            right = std::max(right, L_.out_x.back() + OW);
            bottom = L_.out_y + OH + 14;
        }
        L_.draw_bottom = bottom;
    }
    L_.draw_right = right;
    width_ = std::max(kMinWidth, std::ceil(right + kMargin));
}

// Steps the animation plays: in order, those whose whole window and output are in view.
std::vector<DiagramStep> Renderer::frames() const {
    std::vector<DiagramStep> out;
    // Every frame draws its taps: a huge kernel gets fewer frames so the SVG stays drawable.
    std::size_t taps = 1;
    for (Dim k : d_.spec.kernel) taps *= static_cast<std::size_t>(k);
    const std::size_t cap = std::max<std::size_t>(1, std::min(o_.max_frames, (std::size_t(1) << 20) / taps));
    // A window wider than the view never fits: skip the search (it could be long).
    bool can_fit = true;
    for (std::size_t a = 0; a < L_.rank; ++a) can_fit = can_fit && effective_kernel(d_, a) <= L_.view[a].size();
    for (std::size_t i = 0; can_fit && i < d_.step_count && out.size() < cap; ++i) {
        const DiagramStep st = diagram_step(d_, i);
        // Steps go row-major and the view starts at 0: once the window starts below (or, in
        // 1D, right of) the view, no later step is inside it.
        if (st.origin[0] >= L_.view[0].hi) break;
        bool inside = static_cast<bool>(L_.out(st.output));
        for (const auto& t : st.window) inside = inside && static_cast<bool>(L_.cell(t));
        if (inside) out.push_back(st);
    }
    if (out.empty())  // the window is bigger than the view: play the first steps, clipped
        for (std::size_t i = 0; i < std::min(d_.step_count, cap); ++i) out.push_back(diagram_step(d_, i));
    return out;
}

Renderer::Rules Renderer::colour_rules(const Palette& k) {
    auto sv = [](std::string_view v) { return std::string(v); };
    return {
        {"bg", "fill:" + sv(k.background)}, {"vc", "fill:" + sv(k.background)},
        {"t", "fill:" + sv(k.text)}, {"s", "fill:" + sv(k.muted)}, {"ix", "fill:" + sv(k.muted)},
        {"v", "fill:" + sv(k.text)}, {"vm", "fill:" + sv(k.muted)}, {"src", "fill:" + sv(k.pad_source_text)},
        {"n", "fill:" + sv(k.muted)}, {"f", "fill:" + sv(k.text)}, {"lg", "fill:" + sv(k.text)},
        {"ci", "fill:" + sv(k.input) + ";stroke:" + sv(k.input_stroke)},
        {"cp", "stroke:" + sv(k.grid)}, {"cs", "stroke:" + sv(k.pad_source_hatch)},
        {"cx", "stroke:" + sv(k.cropped_hatch)},
        {"cg", "fill:" + sv(k.gap) + ";stroke:" + sv(k.grid)},
        {"hp", "fill:" + sv(k.pad)}, {"hpl", "stroke:" + sv(k.pad_hatch)},
        {"hs", "fill:" + sv(k.pad_source)}, {"hsl", "stroke:" + sv(k.pad_source_hatch)},
        {"hc", "fill:" + sv(k.cropped)}, {"hcl", "stroke:" + sv(k.cropped_hatch)},
        {"co", "fill:" + sv(k.output) + ";stroke:" + sv(k.output_stroke)},
        {"cd", "fill:" + sv(k.output_done) + ";stroke:" + sv(k.output_stroke)},
        {"cc", "fill:" + sv(k.output_current) + ";stroke:" + sv(k.output_current)},
        {"k", "fill:" + sv(k.kernel)}, {"kb", "stroke:" + sv(k.kernel)}, {"kt", "stroke:" + sv(k.kernel)},
        {"beam", "fill:" + sv(k.kernel) + ";stroke:" + sv(k.kernel)},
        {"ar", "stroke:" + sv(k.pad_source_text)}, {"ring", "stroke:" + sv(k.pad_source_text)},
        {"ah", "fill:" + sv(k.pad_source_text)},
        {"step", "fill:" + sv(k.kernel)},
        {"rf", "fill:" + sv(k.receptive_field)}, {"rfb", "stroke:" + sv(k.receptive_field)},
        {"rfo", "stroke:" + sv(k.receptive_field)},
    };
}

// Sizes and strokes per class; the font family is set once on the root group (not on `svg`,
// which in inline HTML would reach every SVG of the page).
Renderer::Rules Renderer::size_rules() const {
    const double vf = value_font(), sf = small_font();
    return {
        {"root", std::string("font-family:") + kFont},
        {"t", "font-size:15px;font-weight:600"},
        {"s", "font-size:12px"}, {"n", "font-size:12px"}, {"lg", "font-size:12px"},
        {"step", "font-size:12px;font-weight:600"},
        {"f", std::string("font-family:") + kMono + ";font-size:13px"},
        {"ix", "font-size:" + px(std::max(9.0, sf + 1)) + "px"},
        {"vc", "font-size:" + px(vf) + "px;font-weight:600"},
        {"v", "font-size:" + px(vf) + "px"}, {"vm", "font-size:" + px(vf) + "px"},
        {"src", "font-size:" + px(sf) + "px;font-weight:600"},
        {"ci", "stroke-width:1"}, {"cp", "stroke-width:1"}, {"cs", "stroke-width:1"}, {"cx", "stroke-width:1"},
        {"cg", "stroke-width:1;stroke-dasharray:3 3"},
        {"hpl", "stroke-width:2"}, {"hsl", "stroke-width:2"}, {"hcl", "stroke-width:2"},
        {"co", "stroke-width:1.5"}, {"cd", "stroke-width:1.5"}, {"cc", "stroke-width:2"},
        {"un", "opacity:.38"},
        {"k", "fill-opacity:.2"},
        {"kb", "fill:none;stroke-width:3"}, {"kt", "fill:none;stroke-width:1.5"},
        {"kd", "stroke-dasharray:5 4;stroke-width:1.5"},
        {"beam", "fill-opacity:.1;stroke-opacity:.35;stroke-width:1"},
        {"ar", "fill:none;stroke-width:1.6"},
        {"ring", "fill:none;stroke-width:2;stroke-dasharray:4 2"},
        {"rf", "fill-opacity:.22"},
        {"rfb", "fill:none;stroke-width:2.5"},
        {"rfo", "fill:none;stroke-width:3"},
    };
}

// The rules as presentation attributes, for a pinned theme: size rules, then the palette's.
std::map<std::string, Styler::Props> Renderer::inline_props() const {
    std::map<std::string, Styler::Props> props;
    auto add = [&](const Rules& rules) {
        for (const auto& [cls, body] : rules) {
            std::size_t at = 0;
            while (at < body.size()) {
                std::size_t end = body.find(';', at);
                if (end == std::string::npos) end = body.size();
                const std::string decl = body.substr(at, end - at);
                const std::size_t colon = decl.find(':');
                props[cls].emplace_back(decl.substr(0, colon), decl.substr(colon + 1));
                at = end + 1;
            }
        }
    };
    add(size_rules());
    add(colour_rules(palette()));
    return props;
}

std::string Renderer::css() const {
    auto sheet = [&](const Rules& rules) {
        std::string out;
        for (const auto& [cls, body] : rules) out += "." + p_ + cls + "{" + body + "}";
        return out;
    };
    std::string s = sheet(size_rules());
    if (o_.theme == SvgTheme::Auto) {
        s += sheet(colour_rules(kLightPalette));
        s += "@media (prefers-color-scheme:dark){" + sheet(colour_rules(kDarkPalette)) + "}";
    } else {
        s += sheet(colour_rules(palette()));
    }
    return s;
}

void Renderer::defs() {
    std::string& s = body_;
    s += "<defs>";
    auto hatch = [&](const char* id, const char* fill, const char* line) {
        s += "<pattern id=\"" + c(id) + "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
             "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\"" + style_(c(fill)) +
             "/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"" + style_(c(line)) + "/></pattern>";
    };
    hatch("pp", "hp", "hpl");
    hatch("ps", "hs", "hsl");
    hatch("pc", "hc", "hcl");
    s += "<marker id=\"" + c("arrow") + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
         "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\"" + style_(c("ah")) + "/></marker>";
    s += "</defs>";
}

// Index label of grid position g on an axis: the input index, or nothing for padding.
std::string source_label(const Shape& src) {
    std::string out;
    if (src.size() == 1) return "x" + std::to_string(src[0]);
    for (std::size_t i = 0; i < src.size(); ++i) out += (i ? "," : "") + std::to_string(src[i]);
    return out;
}

void Renderer::grid_cells() {
    const double cs = L_.cs, vf = value_font(), sf = small_font();
    std::string& s = body_;
    bool seen[6] = {false, false, false, false, false, false};  // input, pad, padsrc, gap, crop, unread
    for (const Shape& pos : L_.visible_cells()) {
        const DiagramCell cell = diagram_cell(d_, pos);
        const Point p = *L_.cell(pos);
        const bool unread = !cell.read && cell.kind != CellKind::Pad;
        seen[5] = seen[5] || unread;
        const bool wrap = unread || interactive();
        if (wrap) {
            s += "<g" + (unread ? style_(c("un")) : std::string());
            if (interactive()) {
                static const char* kinds[] = {"input", "pad", "gap", "cropped"};
                s += " data-pos=\"" + join_coords(pos) + "\" data-kind=\"" + kinds[static_cast<int>(cell.kind)] + "\"";
                if (in_highlight(pos)) s += " data-rf=\"\"";
                s += " pointer-events=\"visiblePainted\"";
            }
            s += ">";
        }
        std::string cls, fill, vcls = c("v");
        switch (cell.kind) {
            case CellKind::Input: cls = c("ci"); seen[0] = true; break;
            case CellKind::Pad:
                if (cell.source.empty()) {
                    cls = c("cp");
                    fill = "url(#" + c("pp") + ")";
                    seen[1] = true;
                } else {
                    cls = c("cs");
                    fill = "url(#" + c("ps") + ")";
                    seen[2] = true;
                }
                break;
            case CellKind::Gap: cls = c("cg"); vcls = c("vm"); seen[3] = true; break;
            case CellKind::Cropped:
                cls = c("cx");
                fill = "url(#" + c("pc") + ")";
                seen[4] = true;
                break;
        }
        w_.buf().clear();
        w_.rect(p, cs, cs, cls, fill.empty() ? "" : " fill=\"" + fill + "\"");
        s += w_.buf();
        const bool ignored = cell.kind == CellKind::Pad && d_.pads_ignored;
        const bool sourced = cell.kind == CellKind::Pad && !cell.source.empty() && o_.sources;
        if (o_.values && !ignored) {
            const std::string v = format_value(cell.value);
            if (text_width(v, vf) <= cs - 5) {
                const double cy = sourced ? p.y + cs * 0.44 : p.y + cs / 2;
                w_.buf().clear();
                w_.text(p.x + cs / 2, cy + vf * 0.35, v, vcls, "middle");
                s += w_.buf();
            }
        }
        if (sourced) {
            // Where the value was copied from, e.g. "x1", so mirroring can be read off the grid.
            const std::string label = source_label(cell.source);
            if (text_width(label, sf) <= cs - 4) {
                w_.buf().clear();
                w_.text(p.x + cs / 2, p.y + cs - 4, label, c("src"), "middle");
                s += w_.buf();
            }
        }
        if (wrap) s += "</g>";
    }

    // Index labels: input indices along the columns (and rows in 2D), blank over padding.
    const double ixf = std::max(9.0, sf + 1);
    auto input_index = [&](std::size_t axis, Dim g) -> std::optional<Dim> {
        Shape probe(L_.rank);
        for (std::size_t a = 0; a < L_.rank; ++a) probe[a] = L_.view[a].lo;
        probe[axis] = g;
        // Another axis may sit in its padding; move it to the first input cell so only `axis` decides.
        for (std::size_t a = 0; a < L_.rank; ++a)
            if (a != axis) probe[a] = std::clamp<Dim>(d_.offset[a], 0, d_.grid[a] - 1);
        const DiagramCell cell = diagram_cell(d_, probe);
        if (cell.kind == CellKind::Input || cell.kind == CellKind::Cropped) return cell.source[axis];
        return std::nullopt;
    };
    const std::size_t col = static_cast<std::size_t>(L_.col);
    if (L_.rank == 1) {
        for (Dim g = L_.view[0].lo; g < L_.view[0].hi; ++g) {
            const auto i = input_index(0, g);
            if (!i) continue;
            w_.buf().clear();
            w_.text(L_.in_x[0] + static_cast<double>(g - L_.view[0].lo) * cs + cs / 2, L_.in_y + cs + 13,
                    "x" + std::to_string(*i), c("ix"), "middle");
            s += w_.buf();
        }
        w_.buf().clear();
        w_.text(kMargin, L_.in_y + cs / 2 + 4, d_.spec.kernel.empty() ? "padded" : "input", c("s"));
        if (L_.has_output) w_.text(kMargin, L_.out_y + cs / 2 + 4, "output", c("s"));
        s += w_.buf();
    } else if (L_.rank == 2) {
        for (Dim g = L_.view[1].lo; g < L_.view[1].hi; ++g) {
            const auto i = input_index(1, g);
            if (!i) continue;
            w_.buf().clear();
            w_.text(L_.in_x[0] + static_cast<double>(g - L_.view[1].lo) * cs + cs / 2, L_.in_y - 5, std::to_string(*i),
                    c("ix"), "middle");
            s += w_.buf();
        }
        for (Dim g = L_.view[0].lo; g < L_.view[0].hi; ++g) {
            const auto i = input_index(0, g);
            if (!i) continue;
            w_.buf().clear();
            w_.text(L_.in_x[0] - 5, L_.in_y + static_cast<double>(g - L_.view[0].lo) * cs + cs / 2 + ixf * 0.35,
                    std::to_string(*i), c("ix"), "end");
            s += w_.buf();
        }
        w_.buf().clear();
        w_.text(L_.in_x[0], L_.in_y - 20,
                std::string(d_.grid == d_.spec.input ? "input" : "padded input") + " " + dims_text(d_.grid),
                c("s"));
        s += w_.buf();
    } else {
        for (Dim z = L_.view[0].lo; z < L_.view[0].hi; ++z) {
            const auto i = input_index(0, z);
            const std::string t = i ? "depth " + std::to_string(*i)
                                    : d_.spec.op == WindowOp::ConvTranspose ? "depth (padding)"
                                                                             : "depth " + std::to_string(z - d_.offset[0]) + " (padding)";
            w_.buf().clear();
            w_.text(L_.in_x[static_cast<std::size_t>(z - L_.view[0].lo)], L_.in_y - 8, t, c("s"));
            s += w_.buf();
        }
    }
    (void)col;

    // Ellipses where the grid is cut.
    const double gx0 = L_.in_x.front(), gx1 = L_.in_x.back() + static_cast<double>(L_.view[col].size()) * cs;
    const double gy1 = L_.in_y + (L_.row >= 0 ? static_cast<double>(L_.view[static_cast<std::size_t>(L_.row)].size()) : 1.0) * cs;
    w_.buf().clear();
    if (L_.view[col].lo > 0) w_.text(gx0 - 3, L_.in_y + cs / 2 + 4, "\u2026", c("s"), "end");
    if (L_.view[col].hi < d_.grid[col]) w_.text(gx1 + 3, L_.in_y + cs / 2 + 4, "\u2026", c("s"));
    if (L_.row >= 0) {
        const std::size_t row = static_cast<std::size_t>(L_.row);
        if (L_.view[row].hi < d_.grid[row]) w_.text(gx0 + cs / 2, gy1 + 13, "\u22ee", c("s"), "middle");
    }
    s += w_.buf();

    auto mode = mode_label(d_);
    if (seen[0]) legend_.push_back({c("ci"), "", "input"});
    if (seen[1]) legend_.push_back({c("cp"), "url(#" + c("pp") + ")", d_.pads_ignored ? "padding (ignored by pooling)" : "padding: " + mode});
    if (seen[2]) {
        legend_.push_back({c("cs"), "url(#" + c("ps") + ")",
                           "padding: " + mode + (L_.rank == 1 ? " (x = copied from)" : " (small text = copied from)")});
        if (L_.rank > 1 && L_.has_output && o_.sources) legend_.push_back({c("ring"), "", "source of a copied value in the window"});
    }
    if (seen[3]) legend_.push_back({c("cg"), "", "zero inserted by the stride"});
    if (seen[4]) legend_.push_back({c("cx"), "url(#" + c("pc") + ")", "cropped away"});
    if (seen[5]) legend_.push_back({c("ci") + " " + c("un"), "", "never read"});
}

void Renderer::output_cells() {
    if (!L_.has_output) return;
    const double cs = L_.cs;
    std::string& s = body_;
    const std::size_t current = focus_ ? *focus_ : d_.step_count;
    for (const Shape& pos : L_.visible_outputs()) {
        const Point p = *L_.out(pos);
        const std::size_t index = step_index(d_, pos);
        const bool done = !animated_ && index < current;
        std::string hooks = " rx=\"3\"";
        if (interactive()) {
            hooks += " data-out=\"" + join_coords(pos) + "\" data-step=\"" + std::to_string(index) + "\"";
            if (o_.highlight && *o_.highlight == index) hooks += " data-hover=\"\"";
            hooks += " pointer-events=\"visiblePainted\"";
        }
        w_.buf().clear();
        w_.rect(p, cs, cs, done ? c("cd") : c("co"), hooks);
        s += w_.buf();
    }
    if (L_.rank == 1) {
        for (const Shape& pos : L_.visible_outputs()) {
            const Point p = *L_.out(pos);
            w_.buf().clear();
            w_.text(p.x + cs / 2, p.y + cs + 13, "y" + std::to_string(pos[0]), c("ix"), "middle");
            s += w_.buf();
        }
    } else if (L_.rank == 2) {
        const double ixf = std::max(9.0, small_font() + 1);
        for (Dim j = L_.oview[1].lo; j < L_.oview[1].hi; ++j) {
            w_.buf().clear();
            w_.text(L_.out_x[0] + static_cast<double>(j - L_.oview[1].lo) * cs + cs / 2, L_.out_y - 5, std::to_string(j),
                    c("ix"), "middle");
            s += w_.buf();
        }
        for (Dim i = L_.oview[0].lo; i < L_.oview[0].hi; ++i) {
            w_.buf().clear();
            w_.text(L_.out_x[0] - 5, L_.out_y + static_cast<double>(i - L_.oview[0].lo) * cs + cs / 2 + ixf * 0.35,
                    std::to_string(i), c("ix"), "end");
            s += w_.buf();
        }
        w_.buf().clear();
        w_.text(L_.out_x[0], L_.out_y - 20, "output " + dims_text(d_.output), c("s"));
        s += w_.buf();
    } else {
        for (Dim z = L_.oview[0].lo; z < L_.oview[0].hi; ++z) {
            w_.buf().clear();
            w_.text(L_.out_x[static_cast<std::size_t>(z - L_.oview[0].lo)], L_.out_y - 8, "output depth " + std::to_string(z),
                    c("s"));
            s += w_.buf();
        }
    }
    legend_.push_back({c("kb"), "none", d_.spec.op == WindowOp::Pool ? "pool window" : "kernel window"});
    legend_.push_back({c("cc"), "", "output written by this step"});
    if (L_.visible_outputs().size() > 1 && (animated_ || (focus_ && *focus_ > 0)))
        legend_.push_back({c("cd"), "", "output already written"});
    if (!rf_.empty()) legend_.push_back({c("rfb"), "none", "receptive field of the hovered output"});
}

// The window, its taps, the output it writes, the beam between them and the source arrows.
void Renderer::overlay(const DiagramStep& st, bool beam, const std::string& counter) {
    const double cs = L_.cs;
    std::string& s = body_;
    const bool dilated = std::any_of(d_.spec.dilation.begin(), d_.spec.dilation.end(), [](Dim v) { return v > 1; });
    // Bounding box of the taps in view, per depth panel.
    struct Box {
        double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
        bool any = false;
    };
    std::vector<Box> boxes(L_.in_x.size());
    std::string taps;
    for (const Shape& t : st.window) {
        const auto p = L_.cell(t);
        if (!p) continue;
        const std::size_t panel = L_.rank == 3 ? static_cast<std::size_t>(t[0] - L_.view[0].lo) : 0;
        Box& b = boxes[panel];
        b.any = true;
        b.x0 = std::min(b.x0, p->x);
        b.y0 = std::min(b.y0, p->y);
        b.x1 = std::max(b.x1, p->x + cs);
        b.y1 = std::max(b.y1, p->y + cs);
        w_.buf().clear();
        w_.rect(*p, cs, cs, c("k"));
        if (dilated) w_.rect({p->x + 1.5, p->y + 1.5}, cs - 3, cs - 3, c("kt"));
        taps += w_.buf();
    }
    const auto out = L_.out(st.output);
    // Beam from the window to its output cell.
    const Box& main = boxes[0];
    if (beam) {
        if (!out || !main.any || L_.rank > 2) return;
        std::string pts;
        if (L_.rank == 1) {
            const double top = main.y1 + 16;
            pts = px(main.x0) + "," + px(top) + " " + px(main.x1) + "," + px(top) + " " + px(out->x + cs) + "," +
                  px(out->y) + " " + px(out->x) + "," + px(out->y);
            s += "<polygon points=\"" + pts + "\"" + style_(c("beam")) + "/>";
            s += "<line x1=\"" + px(main.x0) + "\" y1=\"" + px(main.y1) + "\" x2=\"" + px(main.x0) + "\" y2=\"" + px(top) +
                 "\"" + style_(c("beam")) + "/><line x1=\"" + px(main.x1) + "\" y1=\"" + px(main.y1) + "\" x2=\"" +
                 px(main.x1) + "\" y2=\"" + px(top) + "\"" + style_(c("beam")) + "/>";
        } else {
            pts = px(main.x1) + "," + px(main.y0) + " " + px(out->x) + "," + px(out->y) + " " + px(out->x) + "," +
                  px(out->y + cs) + " " + px(main.x1) + "," + px(main.y1);
            s += "<polygon points=\"" + pts + "\"" + style_(c("beam")) + "/>";
        }
        return;
    }
    s += taps;
    for (const Box& b : boxes) {
        if (!b.any) continue;
        w_.buf().clear();
        w_.rect({b.x0, b.y0}, b.x1 - b.x0, b.y1 - b.y0, c("kb") + (dilated ? " " + c("kd") : std::string()), " rx=\"2\"");
        s += w_.buf();
    }
    // Where each copied padding value in the window comes from: arcs over a 1D row; in 2D and
    // 3D arrows would cross the values, so the source cells get a ring instead.
    if (o_.sources && d_.spec.mode != PadMode::Constant) {
        std::vector<Shape> rings;
        for (const Shape& t : st.window) {
            const auto p = L_.cell(t);
            if (!p) continue;
            const DiagramCell cell = diagram_cell(d_, t);
            if (cell.kind != CellKind::Pad || cell.source.empty()) continue;
            Shape src = cell.source;
            for (std::size_t a = 0; a < L_.rank; ++a) src[a] += d_.offset[a];
            const auto q = L_.cell(src);
            if (!q) continue;
            if (L_.rank > 1) {
                if (std::find(rings.begin(), rings.end(), src) == rings.end()) rings.push_back(src);
                continue;
            }
            const double x1 = q->x + cs / 2, x2 = p->x + cs / 2, y = L_.in_y;
            const double h = std::min(L_.arc_room - 4, 10 + 0.3 * std::fabs(x2 - x1));
            s += "<path d=\"M" + px(x1) + "," + px(y) + "C" + px(x1) + "," + px(y - h) + " " + px(x2) + "," + px(y - h) + " " +
                 px(x2) + "," + px(y - 1) + "\"" + style_(c("ar"), " marker-end=\"url(#" + c("arrow") + ")\"") + "/>";
        }
        for (const Shape& r : rings) {
            const Point q = *L_.cell(r);
            w_.buf().clear();
            w_.rect({q.x + 2.5, q.y + 2.5}, cs - 5, cs - 5, c("ring"), " rx=\"3\"" + role("source"));
            s += w_.buf();
        }
    }
    if (out) {
        w_.buf().clear();
        w_.rect(*out, cs, cs, c("cc"), " rx=\"3\"");
        s += w_.buf();
        if (L_.rank == 1) {
            w_.buf().clear();
            w_.text(out->x + cs / 2, out->y + cs / 2 + value_font() * 0.35, "y" + std::to_string(st.output[0]),
                    c("vc"), "middle");
            s += w_.buf();
        }
    }
    // Step counter, top right.
    w_.buf().clear();
    w_.text(kMargin, kMargin + 57, counter, c("step"), nullptr, role("step"));
    s += w_.buf();
}

// The receptive field of the highlighted output: its taps tinted, their bounding box per depth
// panel, and that output outlined.
void Renderer::highlight_overlay() {
    if (rf_.empty()) return;
    const double cs = L_.cs;
    struct Box {
        double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
        bool any = false;
    };
    std::vector<Box> boxes(L_.in_x.size());
    w_.buf().clear();
    for (const Shape& t : rf_) {
        const auto p = L_.cell(t);
        if (!p) continue;
        Box& b = boxes[L_.rank == 3 ? static_cast<std::size_t>(t[0] - L_.view[0].lo) : 0];
        b.any = true;
        b.x0 = std::min(b.x0, p->x);
        b.y0 = std::min(b.y0, p->y);
        b.x1 = std::max(b.x1, p->x + cs);
        b.y1 = std::max(b.y1, p->y + cs);
        w_.rect(*p, cs, cs, c("rf"));
    }
    for (const Box& b : boxes)
        if (b.any) w_.rect({b.x0 - 3, b.y0 - 3}, b.x1 - b.x0 + 6, b.y1 - b.y0 + 6, c("rfb"), " rx=\"4\"");
    if (const auto out = L_.out(diagram_step(d_, *o_.highlight).output)) w_.rect({out->x - 2, out->y - 2}, cs + 4, cs + 4, c("rfo"), " rx=\"4\"");
    body_ += w_.buf();
}

std::string Renderer::counter_text(const DiagramStep& st) const {
    return "step " + std::to_string(st.index + 1) + " of " + std::to_string(d_.step_count) + ": " + describe_step(d_, st.index);
}

void Renderer::legend_and_caption() {
    // Legend: swatch + label, wrapping at the width.
    double x = kMargin, y = L_.draw_bottom + 4;
    const double row_h = 20;
    std::string& s = body_;
    for (const Legend& item : legend_) {
        const double w = 14 + 6 + text_length(item.label) * 12 * 0.5 + 18;
        if (x + w > width_ - kMargin && x > kMargin) {
            x = kMargin;
            y += row_h;
        }
        std::string extra;
        if (!item.fill.empty()) extra = " fill=\"" + item.fill + "\"";
        w_.buf().clear();
        w_.rect({x, y}, 14, 14, item.cls, extra + " rx=\"2\"");
        w_.text(x + 20, y + 11, item.label, c("lg"));
        s += w_.buf();
        x += w;
    }
    y += row_h + 12;
    for (const std::string& line : formula_lines_) {
        w_.buf().clear();
        w_.text(kMargin, y + 10, line, c("f"), nullptr, role("formula"));
        s += w_.buf();
        y += 19;
    }
    y += 2;
    for (const std::string& line : caption_lines_) {
        w_.buf().clear();
        w_.text(kMargin, y + 10, line, c("n"), nullptr, role("note"));
        s += w_.buf();
        y += 17;
    }
    height_ = std::ceil(y + kMargin - 4);
}

std::string Renderer::desc_text() const {
    std::string t = subtitle(d_) + ". " + d_.formula + ".";
    for (const std::string& n : d_.notes) t += " " + n + ".";
    if (focus_ && d_.step_count > 0 && !animated_) {
        const DiagramStep st = diagram_step(d_, *focus_);
        t += " Step " + std::to_string(st.index + 1) + " of " + std::to_string(d_.step_count) + ": output " +
             coords_text(st.output) + " reads padded cells " + coords_text(st.window.front()) + " to " +
             coords_text(st.window.back()) + ".";
    }
    if (animated_) t += " Animated: the window moves step by step and the output fills in.";
    return t;
}

std::string Renderer::run() {
    if (!animated_ && o_.highlight && d_.step_count > 0) rf_ = diagram_step(d_, *o_.highlight).window;
    place();
    if (animated_) frames_ = frames();
    else if (d_.step_count > 0) frames_ = {diagram_step(d_, *focus_)};
    for (const DiagramStep& st : frames_) counters_.push_back(counter_text(st));
    // The step line must fit.
    double counter_w = 0;
    if (d_.step_count > 0) {
        for (const std::string& t : counters_) counter_w = std::max(counter_w, text_width(t, 12.5));
    }
    width_ = std::max(width_, std::ceil(2 * kMargin + counter_w));
    // Caption text (wrapped to the width).
    const std::size_t mono_chars = static_cast<std::size_t>((width_ - 2 * kMargin) / (13 * 0.61));
    const std::size_t note_chars = static_cast<std::size_t>((width_ - 2 * kMargin) / (12 * 0.53));
    {
        std::string f = d_.formula;
        std::size_t at = 0;
        // Multi-axis formulas: one line per axis.
        while ((at = f.find("; ")) != std::string::npos) {
            for (auto& l : wrap(f.substr(0, at), mono_chars)) formula_lines_.push_back(l);
            f = f.substr(at + 2);
        }
        for (auto& l : wrap(f, mono_chars)) formula_lines_.push_back(l);
    }
    std::vector<std::string> notes = d_.notes;
    // What the crop hides.
    {
        static const char* names1[] = {"cells"};
        static const char* names2[] = {"rows", "columns"};
        static const char* names3[] = {"depth slices", "rows", "columns"};
        const char* const* names = L_.rank == 1 ? names1 : L_.rank == 2 ? names2 : names3;
        std::string in, outp;
        for (std::size_t a = 0; a < L_.rank; ++a) {
            if (L_.view[a].size() < d_.grid[a])
                in += (in.empty() ? "" : ", ") + std::to_string(L_.view[a].size()) + " of " + std::to_string(d_.grid[a]) + " " + names[a];
            if (L_.rank > 1 && L_.has_output && L_.oview[a].size() < d_.output[a])
                outp += (outp.empty() ? "" : ", ") + std::to_string(L_.oview[a].size()) + " of " + std::to_string(d_.output[a]) +
                        " " + names[a];
        }
        std::string crop;
        if (!in.empty()) crop = "showing " + in + " of the " + (d_.spec.kernel.empty() ? "grid" : "padded input");
        if (!outp.empty()) crop += (crop.empty() ? "showing " : "; ") + outp + " of the output";
        if (animated_ && frames_.size() < d_.step_count) {
            crop += (crop.empty() ? "" : "; ") + std::string("animating ") + std::to_string(frames_.size()) + " of " +
                    std::to_string(d_.step_count) + " steps";
        }
        if (!crop.empty()) notes.push_back(crop);
    }
    for (const std::string& n : notes)
        for (auto& l : wrap(n, note_chars)) caption_lines_.push_back(l);

    defs();
    const std::size_t bg_at = body_.size();
    body_ += "@BG@";
    const std::string title =
        truncate(title_text(), static_cast<std::size_t>(std::max(12.0, (width_ - 2 * kMargin) / (15 * 0.58))));
    w_.buf().clear();
    w_.text(kMargin, kMargin + 15, title, c("t"), nullptr, role("title"));
    w_.text(kMargin, kMargin + 37, truncate(subtitle(d_), note_chars), c("s"), nullptr, role("subtitle"));
    body_ += w_.buf();

    // Frame groups: every one starts at its step's time and shows for one step.
    auto frame_open = [&](std::size_t i) {
        body_ += "<g class=\"" + c("fr") + " " + c("f") + std::to_string(i) + "\" style=\"animation-delay:" +
                 dec3(static_cast<double>(i) * o_.step_seconds) + "s\">";
    };
    if (d_.step_count > 0) {
        if (!animated_) {
            overlay(frames_[0], true, counters_[0]);
        } else {
            for (std::size_t i = 0; i < frames_.size(); ++i) {
                frame_open(i);
                overlay(frames_[i], true, counters_[i]);
                body_ += "</g>";
            }
        }
    }

    grid_cells();
    output_cells();

    if (d_.step_count > 0) {
        if (!animated_) {
            overlay(frames_[0], false, counters_[0]);
            highlight_overlay();
        } else {
            // Output cells fill in as their step plays; they sit under the frame overlays.
            for (std::size_t i = 0; i < frames_.size(); ++i) {
                const auto p = L_.out(frames_[i].output);
                if (!p) continue;
                w_.buf().clear();
                w_.rect(*p, L_.cs, L_.cs, c("cd") + " " + c("done") + " " + c("d") + std::to_string(i), " rx=\"3\"");
                body_ += w_.buf();
            }
            for (std::size_t i = 0; i < frames_.size(); ++i) {
                frame_open(i);
                overlay(frames_[i], false, counters_[i]);
                body_ += "</g>";
            }
        }
    }
    legend_and_caption();

    // Background rect, now that the height is known.
    w_.buf().clear();
    w_.rect({0, 0}, width_, height_, c("bg"));
    body_.replace(bg_at, 4, w_.buf());

    std::string style = css();
    if (animated_ && !frames_.empty()) {
        const double T = static_cast<double>(frames_.size()) * o_.step_seconds + o_.hold_seconds;
        const std::string dur = dec3(T) + "s";
        style += "." + c("fr") + "{opacity:0;animation:" + c("show") + " " + dur + " step-end infinite}";
        style += "." + c("f0") + "{opacity:1}";
        style += "@keyframes " + c("show") + "{0%{opacity:1}" + dec3(100.0 * o_.step_seconds / T) + "%{opacity:0}100%{opacity:0}}";
        style += "." + c("done") + "{opacity:0;animation-duration:" + dur +
                 ";animation-timing-function:step-end;animation-iteration-count:infinite}";
        for (std::size_t i = 0; i < frames_.size(); ++i) {
            const std::string name = c("d") + std::to_string(i);
            style += "." + name + "{animation-name:" + name + "}";
            const double at = 100.0 * static_cast<double>(i) * o_.step_seconds / T;
            style += "@keyframes " + name + "{" + (i ? "0%{opacity:0}" + dec3(at) + "%{opacity:1}" : "0%{opacity:1}") +
                     "100%{opacity:1}}";
        }
        // No motion wanted: stay on the first step.
        style += "@media (prefers-reduced-motion:reduce){." + c("fr") + ",." + c("done") + "{animation:none}." + c("f0") +
                 "{opacity:1}}";
    }

    std::string out;
    out.reserve(body_.size() + style.size() + 1024);
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + px(width_) + "\" height=\"" + px(height_) +
           "\" viewBox=\"0 0 " + px(width_) + " " + px(height_) + "\" role=\"img\" aria-labelledby=\"" + c("title") + " " +
           c("desc") + "\">";
    std::string full_title = title_text();
    if (!animated_ && focus_ && d_.step_count > 0)
        full_title += ", step " + std::to_string(*focus_ + 1) + " of " + std::to_string(d_.step_count);
    out += "<title id=\"" + c("title") + "\">" + xml_escape(truncate(full_title, 300)) + "</title>";
    out += "<desc id=\"" + c("desc") + "\">" + xml_escape(desc_text()) + "</desc>";
    if (!style_.inline_attributes()) out += "<style>" + style + "</style>";
    // Only grid and output cells take pointer events (they opt back in): hovering a value, a tap
    // or the window reaches the cell beneath.
    out += "<g" + style_(c("root"), interactive() ? " pointer-events=\"none\"" : "") + ">" + body_ + "</g>";
    out += "</svg>\n";
    return out;
}

void check_prefix(const std::string& prefix) {
    bool ok = !prefix.empty() && prefix.size() <= 32 &&
              ((prefix[0] >= 'a' && prefix[0] <= 'z') || (prefix[0] >= 'A' && prefix[0] <= 'Z'));
    for (char ch : prefix)
        ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_');
    if (!ok) {
        throw ArgumentError("svg: id_prefix must be 1-32 letters, digits, '-' or '_', starting with a letter; got '" +
                            prefix + "'");
    }
}

void check_options(const SvgOptions& o) {
    check_prefix(o.id_prefix);
    if (!(o.step_seconds > 0 && o.step_seconds <= 60) || !(o.hold_seconds >= 0 && o.hold_seconds <= 600)) {
        throw ArgumentError("svg: step_seconds must be in (0, 60] and hold_seconds in [0, 600]");
    }
}

}  // namespace

SvgTheme parse_svg_theme(std::string_view name) {
    if (name == "auto") return SvgTheme::Auto;
    if (name == "light") return SvgTheme::Light;
    if (name == "dark") return SvgTheme::Dark;
    throw ArgumentError("svg: theme must be 'auto', 'light' or 'dark', got '" + std::string(name) + "'");
}

std::string_view to_string(SvgTheme theme) {
    switch (theme) {
        case SvgTheme::Light: return "light";
        case SvgTheme::Dark: return "dark";
        default: return "auto";
    }
}

SvgPicture render_svg_picture(const Diagram& d, std::size_t step, const SvgOptions& options) {
    check_options(options);
    if (d.step_count == 0 ? step != 0 : step >= d.step_count) {
        throw ArgumentError("diagram: step " + std::to_string(step + 1) + " does not exist; the diagram has " +
                            std::to_string(d.step_count) + " steps");
    }
    if (options.highlight && *options.highlight >= d.step_count) {
        throw ArgumentError("diagram: highlight " + std::to_string(*options.highlight + 1) + " is not a step; the diagram has " +
                            std::to_string(d.step_count) + " steps");
    }
    Renderer r(d, options, step, false);
    SvgPicture picture;
    picture.svg = r.run();
    for (const Range& v : r.layout().view) picture.view.push_back({v.lo, v.hi});
    for (const Range& v : r.layout().oview) picture.output_view.push_back({v.lo, v.hi});
    return picture;
}

std::string render_svg_step(const Diagram& d, std::size_t step, const SvgOptions& options) {
    return render_svg_picture(d, step, options).svg;
}

std::string render_svg_animated(const Diagram& d, const SvgOptions& options) {
    check_options(options);
    if (d.step_count == 0) {
        Renderer r(d, options, std::size_t(0), false);
        return r.run();
    }
    Renderer r(d, options, std::nullopt, true);
    return r.run();
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    const char* replacement = "\xEF\xBF\xBD";
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            switch (c) {
                case '&': out += "&amp;"; break;
                case '<': out += "&lt;"; break;
                case '>': out += "&gt;"; break;
                case '"': out += "&quot;"; break;
                case '\'': out += "&apos;"; break;
                case '\t': case '\n': case '\r': out += static_cast<char>(c); break;
                default:
                    if (c < 0x20 || c == 0x7F) out += replacement;
                    else out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        // Validate one UTF-8 sequence (no overlongs, no surrogates, <= U+10FFFF).
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
        bool ok = len > 0 && i + len <= n;
        for (std::size_t k = 1; ok && k < len; ++k) {
            ok = (s[i + k] & 0xC0) == 0x80;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (ok) {
            ok = !(len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) &&
                 cp != 0xFFFE && cp != 0xFFFF;
        }
        if (!ok) {
            out += replacement;
            ++i;
            continue;
        }
        out.append(text.data() + i, len);
        i += len;
    }
    return out;
}

}  // namespace padlab
