#include "core/base/errors.hpp"

#include <new>

namespace padlab {

ErrorRecord current_error_record() noexcept {
    try {
        try {
            throw;
        } catch (const Error& e) {
            return {e.kind(), e.what(), e.where()};
        } catch (const std::bad_alloc&) {
            return {"LimitError", "out of memory: the request does not fit in the module's memory", {}};
        } catch (const std::length_error& e) {
            return {"LimitError", std::string("out of memory: ") + e.what(), {}};
        } catch (const std::exception& e) {
            return {"Error", std::string("internal error: ") + e.what(), {}};
        } catch (...) {
            return {"Error", "internal error: unknown C++ exception", {}};
        }
    } catch (...) {
        // Building the record itself failed (no memory left for its strings).
        return {};
    }
}

std::string where_text(const Location& w) {
    std::string out;
    if (w.line > 0) {
        out += "line " + std::to_string(w.line);
        if (w.column > 0) out += ", column " + std::to_string(w.column);
    }
    if (!w.layer.empty()) {
        if (!out.empty()) out += ", ";
        out += "layer '" + w.layer + "'";
    }
    return out;
}

std::string describe(const ErrorRecord& record) {
    const std::string where = where_text(record.where);
    return where.empty() ? record.message : where + ": " + record.message;
}

std::string describe(const Error& e) { return describe(ErrorRecord{e.kind(), e.what(), e.where()}); }

}  // namespace padlab
