#include "core/summary/receptive_field_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace padlab {

namespace {

// Integers without a decimal point (most fields), else up to 3 decimals (after UpSampling or a
// transposed convolution the stride can be a fraction).
std::string number(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
}

nlohmann::json json_number(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return static_cast<long long>(v);
    return v;
}

template <class Get>
std::string per_axis(const LayerField& f, Get get) {
    std::string out;
    for (std::size_t i = 0; i < f.axes.size(); ++i) out += (i ? "x" : "") + get(f.axes[i]);
    return out;
}

}  // namespace

nlohmann::json receptive_field_json(const LayerField& field) {
    if (!field.spatial) return nullptr;
    nlohmann::json j = nlohmann::json::object();
    auto list = [&](auto get) {
        nlohmann::json a = nlohmann::json::array();
        for (const AxisField& x : field.axes) a.push_back(get(x));
        return a;
    };
    j["size"] = list([](const AxisField& x) { return json_number(x.size); });
    j["stride"] = list([](const AxisField& x) { return json_number(x.stride); });
    j["padding"] = list([](const AxisField& x) { return json_number(x.padding); });
    j["aligned"] = field.aligned;
    j["border_affected"] = list([](const AxisField& x) { return nlohmann::json(x.border_affected); });
    j["border_before"] = list([](const AxisField& x) { return nlohmann::json(x.border_before); });
    j["border_fraction"] = field.border_fraction;
    j["unread"] = list([](const AxisField& x) { return nlohmann::json(x.unread); });
    j["unread_end"] = list([](const AxisField& x) { return nlohmann::json(x.unread_end); });
    j["extra_cell"] = list([](const AxisField& x) {
        return x.extra_cell.empty() ? nlohmann::json(nullptr) : nlohmann::json(x.extra_cell);
    });
    return j;
}

void add_receptive_fields(nlohmann::json& records, const std::vector<LayerField>& fields) {
    if (!records.is_array()) return;
    for (std::size_t i = 0; i < records.size() && i < fields.size(); ++i)
        records[i]["receptive_field"] = receptive_field_json(fields[i]);
}

std::string receptive_field_text(const ModelSummary& model, const std::vector<LayerField>& fields) {
    struct Row {
        std::string name, rf, jump, pad, border, unread;
    };
    std::vector<Row> rows{{"Layer", "RF", "Jump", "Padding", "Border-affected", "Unread"}};
    bool unaligned = false;
    for (std::size_t i = 0; i < model.layers.size() && i < fields.size(); ++i) {
        const LayerField& f = fields[i];
        if (!f.spatial) continue;
        char share[32];
        std::snprintf(share, sizeof share, "%.1f%%", 100.0 * f.border_fraction);
        std::string unread = per_axis(f, [](const AxisField& a) { return std::to_string(a.unread); });
        if (std::all_of(f.axes.begin(), f.axes.end(), [](const AxisField& a) { return a.unread == 0; })) unread = "";
        std::string name = model.layers[i].name;
        if (!f.aligned) {
            name += " *";
            unaligned = true;
        }
        rows.push_back({name, per_axis(f, [](const AxisField& a) { return number(a.size); }),
                        per_axis(f, [](const AxisField& a) { return number(a.stride); }),
                        per_axis(f, [](const AxisField& a) { return number(a.padding); }), share, unread});
    }
    std::string out = "\nReceptive fields (in input positions, per spatial axis):\n";
    if (rows.size() == 1) return out + "  no layer has spatial axes\n";
    std::size_t w[6] = {0, 0, 0, 0, 0, 0};
    for (const Row& r : rows) {
        const std::string* c[6] = {&r.name, &r.rf, &r.jump, &r.pad, &r.border, &r.unread};
        for (int k = 0; k < 6; ++k) w[k] = std::max(w[k], c[k]->size());
    }
    for (const Row& r : rows) {
        const std::string* c[6] = {&r.name, &r.rf, &r.jump, &r.pad, &r.border, &r.unread};
        std::string line;
        for (int k = 0; k < 6; ++k) {
            std::string cell = *c[k];
            if (k == 0) cell.resize(w[k], ' ');
            else cell = std::string(w[k] - cell.size(), ' ') + cell;  // numbers right-aligned
            line += (k ? "  " : "") + cell;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    if (unaligned) out += "* merges paths whose fields are not centred alike (the largest is shown)\n";
    return out;
}

}  // namespace padlab
