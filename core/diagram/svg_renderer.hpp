#pragma once
// Draws a Diagram (diagram.hpp) as SVG: one static step, or a self-contained animation.
//
// The SVG is the one picture the page, the embeddable components and the CLI all show:
//   - well-formed XML with width, height and viewBox; role="img", <title> and <desc>;
//   - every text (labels, values) XML-escaped and stripped of bytes XML cannot carry;
//   - colours from palette.hpp, with the dark variant under prefers-color-scheme: dark;
//   - the animation is CSS @keyframes in the SVG's own <style> (no script), so it plays in an
//     <img>; under prefers-reduced-motion: reduce it stops on the first step;
//   - deterministic: the same diagram and options give the same bytes.
// Grids larger than `max_cells` per axis are cropped to a window around the step drawn (the
// animation: around the start), and the caption says what is shown ("showing 16 of 30 columns").
#include <cstddef>
#include <string>
#include <string_view>

#include "core/diagram/diagram.hpp"

namespace padlab {

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
};

// A static picture of step `step` (0-based). A padding-only diagram (step_count 0) accepts step 0.
// ArgumentError for a step that does not exist.
std::string render_svg_step(const Diagram& d, std::size_t step, const SvgOptions& options = {});

// The animated picture: the window sweeps the steps, the output fills in, then it loops.
std::string render_svg_animated(const Diagram& d, const SvgOptions& options = {});

// Text made safe for XML content and attribute values: & < > " ' escaped; control characters
// and invalid UTF-8 replaced by U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace padlab
