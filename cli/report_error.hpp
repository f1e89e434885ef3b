#pragma once
// How every padlab subcommand reports a failure: the record of the exception being handled
// (the core's current_error_record, plus the CLI's own InputError and UsageError), printed as
// "padlab: error: <describe(record)>" on standard error and, with --json, as
// {"error": error_json(record)} on standard output.
#include <string>

#include "core/base/errors.hpp"

namespace padlab::cli {

// A usage mistake the option parser cannot see (options that do not go together).
struct UsageError {
    std::string message;
};

// Call inside a catch block. InputError -> kind "InputError", UsageError -> "UsageError".
ErrorRecord cli_error_record() noexcept;

// Call inside a catch block: reports the exception being handled and returns exit status 1.
int report_error(bool json = false);

}  // namespace padlab::cli
