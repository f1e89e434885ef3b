#include "cli/report_error.hpp"

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/read_input.hpp"
#include "core/summary/summary_json.hpp"

namespace padlab::cli {

ErrorRecord cli_error_record() noexcept {
    try {
        try {
            throw;
        } catch (const InputError& e) {
            return {"InputError", e.message, {}};
        } catch (const UsageError& e) {
            return {"UsageError", e.message, {}};
        } catch (...) {
            return current_error_record();
        }
    } catch (...) {
        return {};  // no memory left even for the record
    }
}

int report_error(bool json) {
    const ErrorRecord record = cli_error_record();
    std::cerr << "padlab: error: " << describe(record) << "\n";
    if (json) {
        // Never throws on invalid UTF-8 in names or messages taken from the input: such bytes become U+FFFD.
        const nlohmann::json out = {{"error", error_json(record)}};
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    return 1;
}

}  // namespace padlab::cli
