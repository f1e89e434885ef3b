#pragma once
// Draws a Diagram (diagram.hpp) as SVG: one static step, or a self-contained animation.
//
// The SVG is the one picture the page, the embeddable components, the CLI and every export show
// (the page draws no diagram of its own; it puts this text on screen and exports the same bytes):
//   - well-formed XML with width, height and viewBox; role="img", <title> and <desc>;
//   - every text (labels, values) XML-escaped and stripped of bytes XML cannot carry;
//   - colours from palette.hpp. Theme Auto: a <style> with the light palette and the dark one
//     under prefers-color-scheme: dark (a standalone file follows its viewer). Light / Dark: a
//     static step carries its colours as presentation attributes and has no <style> at all, so
//     it can be inlined in a page whose Content-Security-Policy forbids inline styles;
//   - the animation is CSS @keyframes in the SVG's own <style> (no script), so it plays in an
//     <img>; under prefers-reduced-motion: reduce it stops on the first step;
//   - hooks for interactive use in a static step: every grid cell is a <g data-pos="i,j"
//     data-kind="input|pad|gap|cropped">, every output cell a <rect data-out="i,j" data-step="k">,
//     and only those receive pointer events (overlays and text let them through);
//   - deterministic: the same diagram and options give the same bytes.
// Grids larger than `max_cells` per axis are cropped to a window around the step drawn (the
// animation: around the start), and the caption says what is shown ("showing 16 of 30 columns").
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagram/diagram.hpp"

namespace padlab {

enum class SvgTheme { Auto, Light, Dark };

// "auto" | "light" | "dark" (ArgumentError otherwise).
SvgTheme parse_svg_theme(std::string_view name);
std::string_view to_string(SvgTheme theme);

struct SvgOptions {
    int cell = 0;                  // cell size in px; 0 = automatic (40, or 32 for big grids)
    int max_cells = 16;            // per axis shown (a 1D row shows up to 1.5x this)
    int max_slices = 5;            // 3D: depth slices shown (at least the window's depth)
    std::size_t max_frames = 48;   // animation: steps played, in order, inside the shown window
    double step_seconds = 0.8;     // animation: time per step
    double hold_seconds = 1.6;     // animation: pause on the finished output before looping
    bool values = true;            // draw values in cells (when they fit)
    bool sources = true;           // mark where each mirrored / replicated / wrapped value comes from
    std::string title;             // replaces the automatic title (escaped like any text)
    // Prefix of every id, class and keyframes name. An SVG inlined in HTML shares one CSS scope
    // with the page: give each inlined diagram its own prefix. Letters, digits, '-' and '_' only,
    // starting with a letter (ArgumentError otherwise).
    std::string id_prefix = "pl";
    SvgTheme theme = SvgTheme::Auto;
    // Static step only: the step whose receptive field is marked (the cells its output reads,
    // and that output), as when the reader hovers an output cell. ArgumentError if no such step.
    std::optional<std::size_t> highlight;
    // Static step only: the first cell per axis of the previous picture's view (grid, output).
    // A view that still holds the step's window and output is kept, otherwise moved as little as
    // possible, so stepping through a cropped grid does not jump. Empty: centred on the step.
    std::vector<Dim> view_hint, output_view_hint;
};

// A static step and the region of the grid (and of the output) it shows, per axis [lo, hi).
struct SvgPicture {
    std::string svg;
    std::vector<std::array<Dim, 2>> view, output_view;  // output_view empty without output
};
SvgPicture render_svg_picture(const Diagram& d, std::size_t step, const SvgOptions& options = {});

// A static picture of step `step` (0-based): render_svg_picture(...).svg. A padding-only diagram (step_count 0) accepts step 0.
// ArgumentError for a step that does not exist.
std::string render_svg_step(const Diagram& d, std::size_t step, const SvgOptions& options = {});

// The animated picture: the window sweeps the steps, the output fills in, then it loops.
std::string render_svg_animated(const Diagram& d, const SvgOptions& options = {});

// Text made safe for XML content and attribute values: & < > " ' escaped; control characters
// and invalid UTF-8 replaced by U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace padlab
