#pragma once
// The one small palette every PadLab diagram uses (the page, the embeddable components and the
// CLI draw the same SVG). Light by default; the SVG switches to the dark variant itself through
// `@media (prefers-color-scheme: dark)`, or is drawn in one of them (SvgTheme). Each colour names
// a role, not a hue, so a theme change is a change here only. The page's controls have their own
// colours (web/diagram/style.js); no diagram colour is written anywhere else.
#include <string_view>

namespace padlab {

struct Palette {
    std::string_view background;
    std::string_view text;
    std::string_view muted;           // index labels, notes
    std::string_view grid;            // cell borders
    std::string_view input;           // input cell fill
    std::string_view input_stroke;
    std::string_view pad;             // constant (zero) padding fill
    std::string_view pad_hatch;
    std::string_view pad_source;      // padding copied from an input cell (reflect, replicate...)
    std::string_view pad_source_hatch;
    std::string_view pad_source_text; // "x2" source labels and the arrows from the source cell
    std::string_view gap;             // zeros a transposed conv inserts between inputs
    std::string_view cropped;         // cells a Cropping layer removes
    std::string_view cropped_hatch;
    std::string_view kernel;          // window outline and tap tint
    std::string_view output;          // output cell, not written yet
    std::string_view output_stroke;
    std::string_view output_done;     // written by an earlier step
    std::string_view output_current;  // written by this step
    std::string_view receptive_field; // cells the hovered output reads
};

inline constexpr Palette kLightPalette{
    "#ffffff",  // background
    "#1f2937",  // text
    "#64748b",  // muted
    "#94a3b8",  // grid
    "#dbeafe",  // input
    "#60a5fa",  // input_stroke
    "#f1f5f9",  // pad
    "#cbd5e1",  // pad_hatch
    "#fef3c7",  // pad_source
    "#fbbf24",  // pad_source_hatch
    "#b45309",  // pad_source_text
    "#ffffff",  // gap
    "#fee2e2",  // cropped
    "#f87171",  // cropped_hatch
    "#e11d48",  // kernel
    "#ffffff",  // output
    "#34d399",  // output_stroke
    "#bbf7d0",  // output_done
    "#10b981",  // output_current
    "#6d28d9",  // receptive_field
};

inline constexpr Palette kDarkPalette{
    "#0f172a",  // background
    "#e5e7eb",  // text
    "#94a3b8",  // muted
    "#475569",  // grid
    "#1e3a5f",  // input
    "#3b82f6",  // input_stroke
    "#1e293b",  // pad
    "#475569",  // pad_hatch
    "#422006",  // pad_source
    "#b45309",  // pad_source_hatch
    "#fbbf24",  // pad_source_text
    "#0f172a",  // gap
    "#450a0a",  // cropped
    "#b91c1c",  // cropped_hatch
    "#fb7185",  // kernel
    "#0f172a",  // output
    "#10b981",  // output_stroke
    "#065f46",  // output_done
    "#10b981",  // output_current
    "#c4b5fd",  // receptive_field
};

}  // namespace padlab
